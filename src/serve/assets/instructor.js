// The instructor's view: the participants' progress, refreshed every few seconds, as text.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

async function refresh() {
  try {
    const r = await fetch(`/api/instructor?token=${encodeURIComponent(token)}`);
    const data = await r.json();
    if (!r.ok) throw new Error(data.error);
    const rows = data.participants.map((p) => {
      const tr = document.createElement("tr");
      const err = p.last_error ? `${p.last_error.sqlstate} ${p.last_error.message}\n${p.last_error.statement}` : "";
      tr.append(
        cell(p.nickname),
        cell(p.exercise ? `${p.exercise.n}. ${p.exercise.title}` : ""),
        cell(p.passed.join(", ")),
        cell(err),
        cell(String(p.statements)),
        cell(`${p.idle_secs} s`),
      );
      tr.children[3].className = "pre";
      return tr;
    });
    document.getElementById("rows").replaceChildren(...rows);
    document.getElementById("summary").textContent = `${data.participants.length} connected (at most ${data.max_sessions})`;
    document.getElementById("problem").textContent = "";
  } catch (e) {
    document.getElementById("problem").textContent = e.message;
  }
}

refresh();
setInterval(refresh, 3000);
