// The workshop page. Everything from the server or the participant is shown as text
// (textContent), never parsed as markup.
"use strict";

const $ = (id) => document.getElementById(id);
let session = null;
const history = [];
let historyAt = 0;
let steps = [];
let stepAt = 0;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function api(method, path, body, json) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.body = json ? JSON.stringify(body) : body;
    opts.headers["Content-Type"] = json ? "application/json" : "text/plain; charset=utf-8";
  }
  const r = await fetch(path, opts);
  const text = await r.text();
  let data;
  try { data = JSON.parse(text); } catch (_) { data = { error: text }; }
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function note(text, cls) {
  const entry = el("div", "entry");
  entry.appendChild(el("pre", cls || "teaching", text));
  $("out").appendChild(entry);
  $("out").scrollTop = $("out").scrollHeight;
}

function show(reply) {
  for (const item of reply.items) {
    const entry = el("div", "entry" + (item.error ? " failed" : ""));
    if (item.error) entry.dataset.sqlstate = item.error.sqlstate;
    if (item.trace) {
      const d = el("details", "trace");
      d.open = true;
      d.appendChild(el("summary", null, "trace"));
      d.appendChild(el("pre", null, item.trace));
      entry.appendChild(d);
    }
    if (item.psql) entry.appendChild(el("pre", "psql", item.psql));
    if (item.teaching) entry.appendChild(el("pre", "teaching", item.teaching));
    for (const sql of item.fixes) {
      const b = el("button", "fix", sql);
      b.title = "copy this fix into the input";
      b.addEventListener("click", () => { $("sql").value = sql; $("sql").focus(); });
      entry.appendChild(b);
    }
    $("out").appendChild(entry);
  }
  if (reply.stopped) note(reply.stopped, "error");
  $("out").scrollTop = $("out").scrollHeight;
  refreshGraph();
}

async function run(text) {
  if (!text.trim()) return;
  try {
    show(await api("POST", `/api/sessions/${session}/run`, text));
  } catch (e) {
    note(e.message, "error");
  }
}

function refreshGraph() {
  if (session) $("graph-img").src = `/api/sessions/${session}/graph.svg?t=${Date.now()}`;
}

function tab(name) {
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== name;
  for (const b of document.querySelectorAll("nav button")) b.classList.toggle("active", b.dataset.tab === name);
  if (name === "graph") refreshGraph();
}

async function begin() {
  $("start-error").textContent = "";
  try {
    const r = await api("POST", "/api/sessions", { nickname: $("nickname").value, preset: $("preset").value }, true);
    session = r.id;
  } catch (e) {
    $("start-error").textContent = e.message;
    return;
  }
  $("start").hidden = true;
  $("workshop").hidden = false;
  $("who").textContent = $("nickname").value || "anonymous";
  note("Your sandbox is ready: an empty PostgreSQL 15 database (as fksim simulates it). Type SQL below.");
  tab("graph");
  for (const s of await api("GET", "/api/scenarios")) $("scenario").appendChild(el("option", null, `${s.n}. ${s.title}`)).value = s.n;
  for (const x of await api("GET", "/api/exercises")) $("exercise").appendChild(el("option", null, `${x.n}. ${x.title}`)).value = x.n;
  $("sql").focus();
}

function submit() {
  const text = $("sql").value;
  if (!text.trim()) return;
  history.push(text);
  historyAt = history.length;
  $("sql").value = "";
  run(text);
}

function keydown(e) {
  const t = $("sql");
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  } else if (e.key === "ArrowUp" && t.selectionStart === 0 && historyAt > 0) {
    e.preventDefault();
    t.value = history[--historyAt];
  } else if (e.key === "ArrowDown" && t.selectionEnd === t.value.length && historyAt < history.length) {
    e.preventDefault();
    historyAt++;
    t.value = historyAt < history.length ? history[historyAt] : "";
  }
}

async function startScenario() {
  const r = await api("POST", `/api/sessions/${session}/scenarios/${$("scenario").value}/start`);
  steps = r.steps;
  stepAt = 0;
  $("trace").checked = true;
  note(`Scenario ${r.n}: ${r.title} — a fresh database, trace on. Next runs one statement.`);
  showStep();
}

function showStep() {
  $("scenario-status").textContent = `step ${Math.min(stepAt + 1, steps.length)} of ${steps.length}`;
  $("scenario-step").textContent = stepAt < steps.length ? steps[stepAt] : "(done)";
  $("scenario-next").disabled = $("scenario-all").disabled = stepAt >= steps.length;
}

async function nextStep() {
  if (stepAt >= steps.length) return;
  const text = steps[stepAt++];
  showStep();
  await run(text);
}

async function allSteps() {
  while (stepAt < steps.length) await nextStep();
}

async function startExercise() {
  const r = await api("POST", `/api/sessions/${session}/exercises/${$("exercise").value}/start`);
  $("exercise-body").hidden = false;
  $("exercise-title").textContent = `${r.n}. ${r.title}`;
  $("exercise-goal").textContent = r.goal;
  $("hints").replaceChildren();
  $("verdict").textContent = "";
  $("hint").disabled = r.hints === 0;
  $("trace").checked = false;
  note(`Exercise ${r.n}: ${r.title} — the database is at its starting state. \\d shows the tables.`);
  refreshGraph();
}

async function hint() {
  const r = await api("POST", `/api/sessions/${session}/hint`);
  $("hints").appendChild(el("li", null, r.text.replace(/^hint \d+\/\d+: /, "")));
  if (r.shown >= r.total) $("hint").disabled = true;
}

async function check() {
  const r = await api("POST", `/api/sessions/${session}/check`);
  $("verdict").textContent = r.text;
  $("verdict").className = r.passed ? "pass" : "fail";
}

document.addEventListener("DOMContentLoaded", () => {
  $("begin").addEventListener("click", begin);
  $("nickname").addEventListener("keydown", (e) => { if (e.key === "Enter") begin(); });
  $("run").addEventListener("click", submit);
  $("sql").addEventListener("keydown", keydown);
  $("cancel").addEventListener("click", () => session && api("POST", `/api/sessions/${session}/cancel`).catch(() => {}));
  $("clear").addEventListener("click", () => $("out").replaceChildren());
  $("trace").addEventListener("change", () => run(`\\trace ${$("trace").checked ? "on" : "off"}`));
  for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => tab(b.dataset.tab));
  $("scenario-start").addEventListener("click", startScenario);
  $("scenario-next").addEventListener("click", nextStep);
  $("scenario-all").addEventListener("click", allSteps);
  $("exercise-start").addEventListener("click", startExercise);
  $("hint").addEventListener("click", hint);
  $("check").addEventListener("click", check);
});
