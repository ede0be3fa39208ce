// The phone page: join with the room code, pick a team, vote, see the reveal.
// Everything shown is set with textContent, never parsed as HTML, so a team name or a line
// of the scenario can never run as script. Talks only to the server that served the page.
"use strict";

const SAVED = "salesplay-phone";
const $ = (id) => document.getElementById(id);
let saved = load();
let last = null; // the last state the server sent
let polling = false;
let pollId = 0; // bumps to abandon an older poll loop (after a rejoin)
let retry = 0;
let clockEnds = null; // performance.now() when the discussion clock reaches 0, while it runs
let clockTick = null;

function load() {
  try { return JSON.parse(localStorage.getItem(SAVED)) || {}; } catch (e) { return {}; }
}
function store() {
  try { localStorage.setItem(SAVED, JSON.stringify(saved)); } catch (e) { /* private mode: session only */ }
}

async function api(method, path, body, token) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers["Authorization"] = "Bearer " + token;
  const res = await fetch(path, {
    method, headers, cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = {};
  try { data = await res.json(); } catch (e) { /* not JSON: keep the status */ }
  return { status: res.status, data };
}

function show(...ids) {
  for (const id of ["join", "wait", "play", "result", "ending", "board"]) {
    $(id).hidden = !ids.includes(id);
  }
}
function banner(text) {
  $("banner").textContent = text || "";
  $("banner").hidden = !text;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

// ----- joining -------------------------------------------------------------------------
function codeFromAddress() {
  const q = new URLSearchParams(location.search).get("code");
  return q || "";
}

async function askTeams(code) {
  $("join-error").textContent = "";
  const r = await api("POST", "api/teams", { code });
  if (r.status !== 200) {
    $("join-error").textContent = r.data.error || "The room did not answer; try again.";
    return;
  }
  saved.code = code; store();
  const list = $("teams"); clear(list);
  for (const name of r.data.teams) {
    const b = document.createElement("button");
    b.type = "button"; b.className = "team-button"; b.textContent = name;
    b.addEventListener("click", () => join(name));
    list.appendChild(b);
  }
  $("team-pick").hidden = false;
}

async function join(team) {
  const r = await api("POST", "api/join", { code: saved.code, team }, saved.token);
  if (r.status !== 200) {
    $("join-error").textContent = r.data.error || "Could not join; try again.";
    return false;
  }
  saved.token = r.data.token; saved.team = r.data.team; store();
  $("team-pick").hidden = true;
  startPolling();
  return true;
}

function showJoin(message) {
  show("join");
  $("who").textContent = "";
  $("switch").hidden = true;
  $("code").value = saved.code || codeFromAddress();
  $("join-error").textContent = message || "";
  if ($("code").value && !message) askTeams($("code").value);
}

// ----- the room's state ----------------------------------------------------------------
function startPolling() {
  pollId += 1;
  poll(pollId);
}

async function poll(id) {
  polling = true;
  let after = null;
  while (id === pollId) {
    let r;
    try {
      const q = after ? "?after=" + encodeURIComponent(after) : "";
      r = await api("GET", "api/state" + q, undefined, saved.token);
    } catch (e) {
      // Asleep or off the network: try again, a little later each time, up to 8 s.
      banner("Reconnecting…");
      retry = Math.min(retry + 1, 4);
      await sleep(500 * 2 ** retry);
      after = null;
      continue;
    }
    if (id !== pollId) return;
    if (r.status === 200) {
      retry = 0; banner("");
      after = r.data.version;
      render(r.data);
    } else if (r.status === 429) {
      await sleep(1500);
    } else if (r.status === 401 || r.status === 403) {
      // The round was restarted (or this token is not the room's): join the same team again.
      saved.token = null; store();
      if (saved.code && saved.team && (await join(saved.team))) return;
      polling = false;
      showJoin(r.data.error);
      return;
    } else {
      banner(r.data.error || "The room answered with an error; retrying.");
      await sleep(2000);
      after = null;
    }
  }
}

let movedTimer = null;
function moved(team) {
  // The facilitator moved this phone to another team from the laptop.
  $("moved").textContent = "The facilitator moved this phone to " + team + ".";
  $("moved").hidden = false;
  clearTimeout(movedTimer);
  movedTimer = setTimeout(() => { $("moved").hidden = true; }, 8000);
}

function sleep(ms) { return new Promise((ok) => setTimeout(ok, ms)); }

function render(s) {
  last = s;
  if (saved.team && s.team !== saved.team) moved(s.team);
  if (s.team !== saved.team) { saved.team = s.team; store(); } // rejoins go to the new team
  $("brand").textContent = s.number ? "Phone " + s.number : "Salesplay";
  $("who").textContent = s.team + " · " + s.phones + (s.phones === 1 ? " phone" : " phones");
  $("switch").hidden = false;
  const ids = ["board"];
  if (s.phase === "lobby") {
    ids.length = 0; ids.push("wait");
    $("wait-title").textContent = "You're in " + s.team;
    $("wait-text").textContent = "Waiting for the facilitator to open the first decision.";
  } else if (s.phase === "voting") {
    ids.push("play");
    renderPlay(s);
    if (s.reveal && s.reveal.decision === s.decision - 1) { ids.push("result"); renderResult(s, true); }
  } else {
    ids.push("play", "result");
    renderPlay(s);
    if (s.reveal) renderResult(s, false);
    if (s.finished) ids.push("ending");
  }
  const board = ids.indexOf("board");
  if (board >= 0 && !(s.leaderboard && s.leaderboard.length)) ids.splice(board, 1);
  renderBoard(s);
  renderEnding(s);
  show(...ids);
  // The reveal of the last decision goes under the new one, so the new decision comes first.
  const main = document.querySelector("main");
  if (s.phase === "voting") main.insertBefore($("play"), $("result"));
  else main.insertBefore($("result"), $("play"));
  if (s.phase === "voting") main.insertBefore($("board"), $("switch").parentNode);
  else main.insertBefore($("board"), $("play")); // after a reveal: the standings come next
  if (s.finished) main.insertBefore($("ending"), $("result")); // how it ended comes first
}

function renderPlay(s) {
  const voting = s.phase === "voting";
  $("progress").textContent = s.title + (s.decision ? " · decision " + s.decision : "");
  $("say").textContent = s.say;
  $("say").setAttribute("data-buyer", s.buyer);
  $("narration").textContent = s.narration || "";
  $("narration").hidden = !s.narration;
  $("closed").hidden = voting;
  $("play").hidden = false;
  const list = $("choices"); clear(list);
  s.choices.forEach((c, i) => {
    const b = document.createElement("button");
    b.type = "button"; b.className = "choice"; b.dataset.choice = c.id;
    const num = document.createElement("span"); num.className = "num"; num.textContent = String(i + 1);
    const words = document.createElement("span"); words.textContent = c.text;
    if (c.id === s.mine) b.classList.add("mine");
    if (c.id === s.team_vote) {
      b.classList.add("team");
      const tag = document.createElement("span"); tag.className = "tag";
      tag.textContent = c.id === s.mine ? "Your vote · your team's choice" : "Your team's choice";
      words.appendChild(tag);
    } else if (c.id === s.mine) {
      const tag = document.createElement("span"); tag.className = "tag"; tag.textContent = "Your vote";
      words.appendChild(tag);
    }
    b.append(num, words);
    b.setAttribute("aria-pressed", c.id === s.mine ? "true" : "false");
    b.addEventListener("click", () => vote(c.id));
    list.appendChild(b);
  });
  if (voting) {
    const voted = s.voted + " of " + s.phones + (s.phones === 1 ? " phone" : " phones") + " voted";
    $("team-line").textContent = s.team_vote
      ? "Team vote: " + choiceNumber(s, s.team_vote) + " (" + voted + "). Change it until the reveal."
      : "Tap your answer (" + voted + ").";
  } else {
    $("team-line").textContent = "";
  }
  renderClock(s);
}

// The discussion clock: the laptop sends what is left and whether it runs; the phone counts
// down by itself from there, and sets it again whenever the facilitator pauses or adds time.
function renderClock(s) {
  const t = s.phase === "voting" ? s.timer : null;
  if (clockTick !== null) { clearInterval(clockTick); clockTick = null; }
  clockEnds = null;
  const el = $("clock");
  el.hidden = !t;
  if (!t) return;
  if (t.running) {
    clockEnds = performance.now() + t.left_ms;
    clockTick = setInterval(drawClock, 250);
    drawClock();
  } else {
    el.textContent = "Paused · " + minutes(t.left_ms);
    el.className = "clock paused";
  }
}

function drawClock() {
  if (clockEnds === null) return;
  const left = Math.max(0, clockEnds - performance.now());
  const el = $("clock");
  el.textContent = minutes(left);
  el.className = "clock" + (left <= 10000 ? " low" : "");
  if (left <= 0) { clearInterval(clockTick); clockTick = null; }
}

function minutes(ms) {
  const s = Math.ceil(ms / 1000);
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}

function choiceNumber(s, id) {
  const i = s.choices.findIndex((c) => c.id === id);
  return i < 0 ? id : String(i + 1);
}

function renderResult(s, earlier) {
  const r = s.reveal;
  $("result-title").textContent = earlier ? "Last decision" : "Decision " + r.decision + " revealed";
  const p = r.points;
  $("points").textContent = (p > 0 ? "+" : p < 0 ? "−" : "") + Math.abs(p) + (Math.abs(p) === 1 ? " point" : " points");
  $("points").className = "points " + (p > 0 ? "plus" : p < 0 ? "minus" : "");
  $("your-choice").textContent = r.text ? "Your team said: " + r.text : "Your team did not vote.";
  $("coach").textContent = r.coach;
  $("room-took").textContent = r.taken === r.choice ? "The room went your way." : "The room took: " + r.taken_text;
  $("reply").textContent = r.reply ? "“" + r.reply + "”" : "";
}

function renderBoard(s) {
  const ol = $("ranks"); clear(ol);
  for (const t of s.leaderboard || []) {
    const li = document.createElement("li");
    if (t.name === s.team) li.className = "us";
    const rank = document.createElement("span"); rank.className = "rank"; rank.textContent = String(t.rank);
    const name = document.createElement("span"); name.className = "name"; name.textContent = t.name;
    const score = document.createElement("span"); score.className = "score"; score.textContent = (t.score < 0 ? "−" : "") + Math.abs(t.score);
    const move = document.createElement("span");
    if (t.new) {
      move.className = "move new"; move.textContent = "new"; move.title = "the first standings";
    } else {
      move.className = "move " + (t.change > 0 ? "up" : t.change < 0 ? "down" : "same");
      move.textContent = t.change > 0 ? "▲" + t.change : t.change < 0 ? "▼" + -t.change : "–";
      move.title = t.change > 0 ? "up " + t.change : t.change < 0 ? "down " + -t.change : "no change";
    }
    li.append(rank, name, score, move);
    ol.appendChild(li);
  }
}

function renderEnding(s) {
  if (!s.finished) return;
  const e = s.ending;
  $("ending-title").textContent = e ? e.title : "The round has ended";
  $("ending-text").textContent = e ? "Result: " + e.result + ". Thanks for playing!" : "Thanks for playing!";
  const us = (s.leaderboard || []).find((t) => t.name === s.team);
  $("final").hidden = !us;
  if (!us) return;
  const n = s.leaderboard.length;
  $("final-rank").textContent = ordinal(us.rank) + (n > 1 ? " of " + n : "");
  $("final-points").textContent = (us.score < 0 ? "−" : "") + Math.abs(us.score) + (Math.abs(us.score) === 1 ? " point" : " points");
  $("final-team").textContent = s.team + (us.rank === 1 ? " won the room" : " finished here");
}

function ordinal(n) {
  const tens = n % 100, ones = n % 10;
  if (tens >= 11 && tens <= 13) return n + "th";
  return n + (ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th");
}

async function vote(choice) {
  $("vote-error").textContent = "";
  let r;
  try {
    r = await api("POST", "api/vote", { choice }, saved.token);
  } catch (e) {
    $("vote-error").textContent = "Not sent: the phone is off the network. Tap again.";
    return;
  }
  if (r.status === 200) render(r.data);
  else $("vote-error").textContent = r.data.error || "The vote was refused.";
}

// ----- start ---------------------------------------------------------------------------
function main() {
  $("code-form").addEventListener("submit", (e) => {
    e.preventDefault();
    askTeams($("code").value.trim());
  });
  $("switch").addEventListener("click", () => {
    pollId += 1; // stop the poll loop; keep the token so the server moves this phone
    showJoin();
  });
  const fromAddress = codeFromAddress();
  if (fromAddress && saved.code && fromAddress.toUpperCase() !== saved.code.toUpperCase()) {
    saved = { code: fromAddress }; store(); // a new room's QR code: start afresh
  }
  if (saved.token) startPolling();
  else showJoin();
}
main();
