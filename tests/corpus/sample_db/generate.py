#!/usr/bin/env python3
"""Writes the sample database (a Chinook-like music store, made up by this script) in two forms:
chinook_insert.sql (CREATE TABLE + one INSERT per row) and chinook_copy.sql (CREATE TABLE +
COPY ... FROM stdin). Deterministic: the same files every run.

usage: generate.py   (from this directory; then regen.sh makes the pg_dump files and .outs)"""
import random

rng = random.Random(1962)
N_TRACKS = 4700

SYLLABLES = ["ka", "lo", "mi", "ra", "ven", "tor", "sil", "mar", "quin", "del", "zu", "bra",
             "nor", "fe", "lix", "gan", "ory", "pel", "tas", "um", "ach", "ber", "cel", "dro"]
WORDS = ["Night", "River", "Glass", "Echo", "Burning", "Silver", "Highway", "Winter", "Ghost",
         "Electric", "Paper", "Golden", "Midnight", "Ocean", "Stone", "Wild", "Broken", "Blue",
         "Heart", "Machine", "Summer", "Shadow", "Fire", "Dream", "City", "Rain", "Sun", "Moon",
         "Road", "Song", "Light", "Storm", "Velvet", "Iron", "Garden", "Mirror", "Thunder"]
CITIES = [("Lisbon", None, "Portugal"), ("Oslo", None, "Norway"), ("Prague", None, "Czech Republic"),
          ("Toronto", "ON", "Canada"), ("Austin", "TX", "USA"), ("Boston", "MA", "USA"),
          ("Paris", None, "France"), ("Berlin", None, "Germany"), ("Dublin", "Dublin", "Ireland"),
          ("Santiago", None, "Chile"), ("Sydney", "NSW", "Australia"), ("Madrid", None, "Spain"),
          ("Bangalore", None, "India"), ("Warsaw", None, "Poland"), ("Stockholm", None, "Sweden")]


def name():
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def title(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def ts(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d} 00:00:00"


artists = [(i, f"{name()} {rng.choice(['Band', 'Trio', 'Quartet', 'Orchestra', name()])}")
           for i in range(1, 276)]
# A few names PostgreSQL's quoting and escaping must survive.
artists[4] = (5, "Alice's Ensemble")
artists[9] = (10, "Back\\Slash & Co")
artists[200] = (201, None)
media_types = [(1, "MPEG audio file"), (2, "Protected AAC audio file"),
               (3, "Protected MPEG-4 video file"), (4, "Purchased AAC audio file"),
               (5, "AAC audio file")]
genres = [(i + 1, g) for i, g in enumerate(
    ["Rock", "Jazz", "Metal", "Alternative & Punk", "Rock And Roll", "Blues", "Latin", "Reggae",
     "Pop", "Soundtrack", "Bossa Nova", "Easy Listening", "Heavy Metal", "R&B/Soul",
     "Electronica/Dance", "World", "Hip Hop/Rap", "Science Fiction", "TV Shows", "Classical"])]
albums = []
for i in range(1, 348):
    albums.append((i, title(rng.randint(1, 4)), rng.randint(1, 275)))
tracks = []
for i in range(1, N_TRACKS + 1):
    album = rng.randint(1, 347)
    composer = None if rng.random() < 0.25 else ", ".join(name() for _ in range(rng.randint(1, 3)))
    ms = rng.randint(60_000, 600_000)
    tracks.append((i, title(rng.randint(1, 5)), album if rng.random() > 0.01 else None,
                   rng.randint(1, 5), rng.randint(1, 20), composer, ms, ms * 33,
                   "0.99" if rng.random() < 0.9 else "1.99"))
employees = [
    (1, "Adams", "Andrew", "General Manager", None, ts(1962, 2, 18), ts(2002, 8, 14)),
    (2, "Edwards", "Nancy", "Sales Manager", 1, ts(1958, 12, 8), ts(2002, 5, 1)),
    (3, "Peacock", "Jane", "Sales Support Agent", 2, ts(1973, 8, 29), ts(2002, 4, 1)),
    (4, "Park", "Margaret", "Sales Support Agent", 2, ts(1947, 9, 19), ts(2003, 5, 3)),
    (5, "Johnson", "Steve", "Sales Support Agent", 2, ts(1965, 3, 3), ts(2003, 10, 17)),
    (6, "Mitchell", "Michael", "IT Manager", 1, ts(1973, 7, 1), ts(2003, 10, 17)),
    (7, "King", "Robert", "IT Staff", 6, ts(1970, 5, 29), ts(2004, 1, 2)),
    (8, "Callahan", "Laura", "IT Staff", 6, ts(1968, 1, 9), ts(2004, 3, 4)),
]
customers = []
for i in range(1, 60):
    city, state, country = rng.choice(CITIES)
    first, last = name(), name()
    customers.append((i, first, last, None if rng.random() < 0.7 else f"{name()} Ltd.",
                      f"{rng.randint(1, 999)} {rng.choice(WORDS)} Street", city, state, country,
                      f"{first.lower()}.{last.lower()}@example.com", rng.randint(3, 5)))
invoices, lines = [], []
line_id = 1
for i in range(1, 413):
    cust = customers[(i * 7) % len(customers)]
    y, m, d = 2021 + i // 100, 1 + i % 12, 1 + i % 28
    items = []
    for _ in range(rng.choice([1, 2, 2, 4, 6, 9, 14])):
        track = rng.choice(tracks)
        items.append((line_id, i, track[0], track[8], 1))
        line_id += 1
    total = sum(int(t[3].replace(".", "")) * t[4] for t in items)
    invoices.append((i, cust[0], ts(y, m, d), cust[4], cust[5], cust[6], cust[7],
                     f"{total // 100}.{total % 100:02d}"))
    lines.extend(items)
playlists = [(1, "Music"), (2, "Movies"), (3, "TV Shows"), (4, "Audiobooks"), (5, "90’s Music"),
             (6, "Grunge"), (7, "Classical"), (8, "On-The-Go 1")]
playlist_tracks = []
for p, _ in playlists:
    for t in sorted(rng.sample(range(1, N_TRACKS + 1), {1: 1400, 5: 900, 7: 75}.get(p, 40))):
        playlist_tracks.append((p, t))

SCHEMA = """-- A made-up music store in the shape of the Chinook sample database: artists, albums,
-- tracks, customers, invoices and their lines, playlists.
CREATE TABLE artist (
    artist_id integer PRIMARY KEY,
    name varchar(120)
);
CREATE TABLE album (
    album_id integer PRIMARY KEY,
    title varchar(160) NOT NULL,
    artist_id integer NOT NULL REFERENCES artist (artist_id)
);
CREATE TABLE media_type (
    media_type_id integer PRIMARY KEY,
    name varchar(120)
);
CREATE TABLE genre (
    genre_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name varchar(120)
);
CREATE TABLE track (
    track_id integer PRIMARY KEY,
    name varchar(200) NOT NULL,
    album_id integer REFERENCES album (album_id),
    media_type_id integer NOT NULL REFERENCES media_type (media_type_id),
    genre_id integer REFERENCES genre (genre_id),
    composer varchar(220),
    milliseconds integer NOT NULL,
    bytes integer,
    unit_price numeric(10,2) NOT NULL
);
CREATE TABLE employee (
    employee_id integer PRIMARY KEY,
    last_name varchar(20) NOT NULL,
    first_name varchar(20) NOT NULL,
    title varchar(30),
    reports_to integer REFERENCES employee (employee_id),
    birth_date timestamp,
    hire_date timestamp
);
CREATE TABLE customer (
    customer_id integer PRIMARY KEY,
    first_name varchar(40) NOT NULL,
    last_name varchar(20) NOT NULL,
    company varchar(80),
    address varchar(70),
    city varchar(40),
    state varchar(40),
    country varchar(40),
    email varchar(60) NOT NULL UNIQUE,
    support_rep_id integer REFERENCES employee (employee_id) ON DELETE SET NULL
);
CREATE TABLE invoice (
    invoice_id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer (customer_id),
    invoice_date timestamp NOT NULL,
    billing_address varchar(70),
    billing_city varchar(40),
    billing_state varchar(40),
    billing_country varchar(40),
    total numeric(10,2) NOT NULL CHECK (total >= 0)
);
CREATE TABLE invoice_line (
    invoice_line_id integer PRIMARY KEY,
    invoice_id integer NOT NULL REFERENCES invoice (invoice_id) ON DELETE CASCADE,
    track_id integer NOT NULL REFERENCES track (track_id),
    unit_price numeric(10,2) NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0)
);
CREATE TABLE playlist (
    playlist_id serial PRIMARY KEY,
    name varchar(120)
);
CREATE TABLE playlist_track (
    playlist_id integer NOT NULL REFERENCES playlist (playlist_id) ON DELETE CASCADE,
    track_id integer NOT NULL REFERENCES track (track_id) ON DELETE CASCADE,
    PRIMARY KEY (playlist_id, track_id)
);
CREATE INDEX album_artist_id_idx ON album (artist_id);
CREATE INDEX track_album_id_idx ON track (album_id);
CREATE INDEX invoice_customer_id_idx ON invoice (customer_id);
CREATE INDEX invoice_line_invoice_id_idx ON invoice_line (invoice_id);
CREATE INDEX invoice_line_track_id_idx ON invoice_line (track_id);
"""

TABLES = [
    ("artist", "artist_id, name", artists),
    ("media_type", "media_type_id, name", media_types),
    ("genre", "genre_id, name", genres),
    ("album", "album_id, title, artist_id", albums),
    ("track", "track_id, name, album_id, media_type_id, genre_id, composer, milliseconds, "
              "bytes, unit_price", tracks),
    ("employee", "employee_id, last_name, first_name, title, reports_to, birth_date, hire_date",
     employees),
    ("customer", "customer_id, first_name, last_name, company, address, city, state, country, "
                 "email, support_rep_id", customers),
    ("invoice", "invoice_id, customer_id, invoice_date, billing_address, billing_city, "
                "billing_state, billing_country, total", invoices),
    ("invoice_line", "invoice_line_id, invoice_id, track_id, unit_price, quantity", lines),
    ("playlist", "playlist_id, name", playlists),
    ("playlist_track", "playlist_id, track_id", playlist_tracks),
]

# After loading with explicit ids, the identity and serial sequences start past them.
TAIL = """SELECT pg_catalog.setval('genre_genre_id_seq', 20, true);
SELECT pg_catalog.setval('playlist_playlist_id_seq', 8, true);
"""


def sql_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return "'" + v.replace("'", "''") + "'"


def copy_field(v):
    if v is None:
        return "\\N"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def write(path, rows_of):
    with open(path, "w", encoding="utf-8") as f:
        f.write(SCHEMA)
        for table, cols, rows in TABLES:
            f.write("\n")
            f.write(rows_of(table, cols, rows))
        f.write("\n" + TAIL)


def inserts(table, cols, rows):
    """Multi-row INSERTs of up to 500 rows, as the classic sample database files write them."""
    out = ""
    for k in range(0, len(rows), 500):
        values = ",\n".join(f"    ({', '.join(sql_literal(v) for v in r)})" for r in rows[k:k + 500])
        out += f"INSERT INTO {table} ({cols}) VALUES\n{values};\n"
    return out


write("chinook_insert.sql", inserts)
write("chinook_copy.sql", lambda t, c, rows: f"COPY {t} ({c}) FROM stdin;\n" + "".join(
    "\t".join(copy_field(v) for v in r) + "\n" for r in rows) + "\\.\n")
