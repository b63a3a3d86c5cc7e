"use strict";
// The phone voting page: join with the code from a private slip, then vote or rate, confirm, and change until
// it closes. The server pushes each change over a WebSocket; if that drops, the page asks every few seconds.
// Everything shown comes from the server as data and is written with textContent, never as HTML.
(function () {
  const LABELS = { agree: "Agree", abstain: "Abstain", disagree: "Disagree", block: "Block" };
  const POLL_MS = 3000;
  const TIMEOUT_MS = window.PHONE_TIMEOUT_MS || 8000;
  const PADDED_BYTES = 2048;
  const SCREENS = ["join", "waiting", "closed", "ballot", "confirm", "recorded", "rate", "rate-confirm",
                   "rate-recorded", "rate-closed"];
  const TITLES = { join: "Join the vote", waiting: "No vote open", closed: "Voting closed", ballot: "Vote open",
                   confirm: "Send this vote?", recorded: "Vote recorded", rate: "Rating open",
                   "rate-confirm": "Send this rating?", "rate-recorded": "Rating recorded", "rate-closed": "Rating closed" };
  const $ = (id) => document.getElementById(id);
  let state = null;        // the last view from the server
  let nonce = "";          // one-time permission for the next vote or rating
  let picked = "";         // the choice waiting to be sent
  let pickedScore = 0;     // the score waiting to be sent
  let screen = "";         // which section is on show
  let sending = false;
  let stream = null;       // the pushed stream, while it is open
  let joined = false;
  let skipPop = false;     // the next history "back" is the page's own, not the person's

  function show(name) {
    const changed = name !== screen;
    screen = name;
    for (const id of SCREENS) { $(id).hidden = id !== name; }
    const heading = $(name).querySelector("h1");
    document.title = TITLES[name] + " \u2014 Workshop vote";
    if (changed && heading && name !== "join") { heading.focus(); }
  }

  function announce(sentence) {
    $("announce").textContent = "";
    window.setTimeout(() => { $("announce").textContent = sentence; }, 60);
  }

  function say(sentence, retry) {
    $("error-text").textContent = sentence || "";
    $("error").hidden = !sentence;
    $("retry").hidden = !retry;
    $("retry").onclick = retry ? () => { say(""); retry(); } : null;
  }

  function fieldError(id, sentence) {
    const box = $(id);
    box.textContent = sentence || "";
    box.hidden = !sentence;
    if (sentence) { box.scrollIntoView({ block: "center" }); }
  }

  function padded(body) {
    const plain = JSON.stringify(Object.assign({}, body, { pad: "" }));
    const room = PADDED_BYTES - new TextEncoder().encode(plain).length;
    return JSON.stringify(Object.assign({}, body, { pad: " ".repeat(Math.max(0, room)) }));
  }

  async function call(method, path, body) {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), TIMEOUT_MS);
    const options = { method: method, credentials: "same-origin", cache: "no-store", headers: {},
                      signal: controller.signal };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = padded(body);
    }
    try {
      const response = await fetch(path, options);
      let data = {};
      try { data = await response.json(); } catch (e) { data = {}; }
      return { status: response.status, data: data };
    } catch (e) {
      const late = e && e.name === "AbortError";
      return { status: 0, data: { error: late
        ? "The voting computer did not answer in time, so this was not sent. Check you are on the room's Wi-Fi, then try again."
        : "The voting computer cannot be reached. Check you are on the room's Wi-Fi, then try again." } };
    } finally {
      window.clearTimeout(timer);
    }
  }

  function busy(button, on, label) {
    sending = on;
    button.disabled = on;
    button.setAttribute("aria-busy", on ? "true" : "false");
    button.textContent = on ? "Sending\u2026" : label;
  }

  function render(data) {
    const before = state;
    state = data;
    if (data.nonce) { nonce = data.nonce; }
    $("who").textContent = "You are " + data.name;
    $("who").hidden = false;
    if (data.vote) { renderVote(data.vote, before); return; }
    if (data.rating) { renderRating(data.rating, before); return; }
    if (["rate", "rate-confirm", "rate-recorded"].includes(screen)) { rateClosed(before); return; }
    if (data.closed) { renderClosed(data.closed, before); return; }
    const outcome = data.outcome;
    $("outcome").hidden = !outcome;
    $("outcome-proposal").textContent = outcome ? outcome.proposal : "";
    $("outcome-text").textContent = outcome ? outcome.text : "";
    if (outcome && screen === "closed") { announce("Result: " + outcome.text); }
    show("waiting");
  }

  function renderVote(vote, before) {
    $("principle").textContent = vote.principle;
    $("proposal").textContent = vote.proposal;
    $("confirm-proposal").textContent = vote.proposal;
    $("recorded-proposal").textContent = vote.proposal;
    $("kind").textContent = vote.secret
      ? "Secret vote: the room sees only the totals for each group. If you block, the room sees your group and your reason after the reveal."
      : "Named vote: your choice is recorded with your name.";
    const sameRound = before && before.vote && before.vote.round === vote.round;
    if (!sameRound) { announce("Vote open: " + vote.proposal); }
    if (sameRound && (screen === "confirm" || screen === "ballot")) { return; }
    if (vote.mine) {
      $("recorded-choice").textContent = LABELS[vote.mine] || vote.mine;
      show("recorded");
      return;
    }
    show("ballot");
    resume(vote.round);
  }

  function renderClosed(closed, before) {
    const wasChoosing = (screen === "ballot" || screen === "confirm") && before && before.vote &&
      before.vote.round === closed.round;
    const earlier = wasChoosing && before.vote.mine ? LABELS[before.vote.mine] : "";
    let note = "";
    if (wasChoosing && screen === "confirm" && !earlier) {
      note = "Voting closed before your choice was sent; it was not counted.";
    } else if (wasChoosing && screen === "confirm") {
      note = "Voting closed before your change was sent; your earlier choice, " + earlier + ", counts.";
    }
    $("closed-note").textContent = note;
    $("closed-note").hidden = !note;
    $("closed-proposal").textContent = closed.proposal;
    if (screen !== "closed") { announce(note || "Voting closed"); }
    forget();
    show("closed");
  }

  function renderRating(rating, before) {
    $("rate-principle").textContent = rating.name;
    $("rate-question").textContent = rating.question;
    $("rate-low").textContent = rating.low;
    $("rate-high").textContent = rating.high;
    const same = before && before.rating && before.rating.principle === rating.principle;
    if (!same) { announce("Rating open: " + rating.name); }
    if (same && (screen === "rate" || screen === "rate-confirm")) { return; }
    if (rating.mine) {
      $("rate-recorded-score").textContent = String(rating.mine);
      show("rate-recorded");
    } else {
      show("rate");
    }
  }

  function rateClosed(before) {
    const mine = before && before.rating ? before.rating.mine : null;
    let text;
    if (screen === "rate-confirm" || (screen === "rate" && !mine)) {
      text = mine ? "Rating closed before your new score was sent; your earlier score of " + mine + " stands."
                  : "Rating closed before your score was sent; it was not saved.";
    } else {
      text = "Rating closed. Your score of " + mine + " was saved.";
    }
    $("rate-closed-text").textContent = text;
    announce(text);
    show("rate-closed");
  }

  function pickScore(score) {
    if (!state || !state.rating) { return; }
    pickedScore = score;
    $("rate-confirm-text").textContent = "You chose " + score + " \u2013 send?";
    const end = score === 1 ? state.rating.low : (score === 5 ? state.rating.high : "");
    $("rate-confirm-end").textContent = end ? score + " means: " + end : "";
    $("rate-confirm-end").hidden = !end;
    step("rate-confirm");
  }

  function step(name) {
    history.pushState({ step: name }, "");
    show(name);
  }

  function leaveStep(name) {
    if (history.state && history.state.step) { skipPop = true; history.back(); }
    show(name);
  }

  async function exchange(path, body, button, label) {
    busy(button, true, label);
    let result = await call("POST", path, Object.assign({}, body, { nonce: nonce }));
    if (result.status === 409 && result.data.stale && result.data.nonce) {
      nonce = result.data.nonce;  // an old one-time code (the server restarted): renew it and send once more
      result = await call("POST", path, Object.assign({}, body, { nonce: result.data.nonce }));
    }
    busy(button, false, label);
    return result;
  }

  async function sendRating() {
    if (sending || !state || !state.rating) { return; }
    const result = await exchange("/api/rate", { principle: state.rating.principle, score: pickedScore },
                                  $("rate-send"), "Send my rating");
    if (result.status === 200) {
      say("");
      nonce = result.data.nonce;
      state.rating.mine = result.data.mine;
      $("rate-recorded-score").textContent = String(result.data.mine);
      leaveStep("rate-recorded");
      announce("Your rating is recorded");
      return;
    }
    refused(result, sendRating, "Your rating was not recorded; please try again.");
  }

  async function send() {
    if (sending || !state || !state.vote) { return; }
    const reason = picked === "block" ? $("reason").value.trim() : "";
    if (picked === "block" && !reason) {
      fieldError("reason-error", "A block needs a short reason. Say why, then send.");
      $("reason").focus();
      return;
    }
    fieldError("reason-error", "");
    const result = await exchange("/api/vote", { round: state.vote.round, choice: picked, reason: reason },
                                  $("send"), "Send my vote");
    if (result.status === 200) {
      say("");
      nonce = result.data.nonce;
      state.vote.mine = result.data.mine;
      $("reason").value = "";
      forget();
      $("recorded-choice").textContent = LABELS[result.data.mine];
      leaveStep("recorded");
      announce("Your vote is recorded");
      return;
    }
    refused(result, send, "Your vote was not recorded; please try again.");
  }

  function refused(result, retry, fallback) {
    if (result.status === 401) { cutOff(result.data.error); return; }
    if (result.status === 0 || result.status >= 500) { say(result.data.error || fallback, retry); return; }
    say(result.data.error || fallback);
    if (result.data.name) { render(result.data); } else { refresh(); }
  }

  function cutOff(sentence) {
    joined = false;
    state = null;
    if (stream) { stream.close(); stream = null; }
    $("who").hidden = true;
    say(sentence || "Type the code from your private slip to join.");
    show("join");
  }

  async function join(code) {
    const button = $("join-button");
    if (!code.trim()) { fieldError("code-error", "Type the code from your private slip first."); return false; }
    fieldError("code-error", "");
    busy(button, true, "Join");
    const result = await call("POST", "/api/join", { code: code });
    busy(button, false, "Join");
    if (result.status === 200) { say(""); joined = true; render(result.data); listen(); return true; }
    if (result.status === 0) { say(result.data.error, () => join(code)); return false; }
    fieldError("code-error", result.data.error || "That code did not work; check it and try again.");
    show("join");
    return false;
  }

  async function refresh() {
    const result = await call("GET", "/api/state");
    if (result.status === 200) {
      say("");
      joined = true;
      render(result.data);
      if (!stream) { listen(); }
    } else if (result.status === 401) {
      if (joined || result.data.cut) { cutOff(result.data.error); } else { show("join"); }
    } else if (result.data.error) {
      say(result.data.error, refresh);
    }
  }

  function listen() {
    if (stream || !joined || !window.WebSocket) { return; }
    const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/events");
    stream = socket;
    socket.onmessage = (event) => {
      let data = {};
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.status === 200) { if (!sending) { say(""); } render(data); return; }
      if (data.status === 401) { cutOff(data.error); return; }
      if (data.error) { say(data.error); }
    };
    socket.onclose = () => { if (stream === socket) { stream = null; } };
  }

  function pick(choice) {
    picked = choice;
    $("confirm-choice").textContent = LABELS[choice];
    $("reason-box").hidden = choice !== "block";
    fieldError("reason-error", "");
    remember();
    step("confirm");
  }

  function remember() {
    if (!state || !state.vote) { return; }
    try {
      sessionStorage.setItem("pending", JSON.stringify({ round: state.vote.round, choice: picked,
                                                         reason: $("reason").value }));
    } catch (e) { /* private mode: nothing to keep */ }
  }

  function forget() {
    try { sessionStorage.removeItem("pending"); } catch (e) { /* nothing kept */ }
  }

  function resume(round) {
    let pending = null;
    try { pending = JSON.parse(sessionStorage.getItem("pending") || "null"); } catch (e) { pending = null; }
    if (!pending || pending.round !== round || !LABELS[pending.choice]) { forget(); return; }
    $("reason").value = pending.reason || "";
    pick(pending.choice);
  }

  function start() {
    $("join-form").addEventListener("submit", (event) => { event.preventDefault(); join($("code").value); });
    for (const button of document.querySelectorAll("button[data-choice]")) {
      button.addEventListener("click", () => pick(button.dataset.choice));
    }
    $("send").addEventListener("click", send);
    $("reason").addEventListener("input", () => { fieldError("reason-error", ""); remember(); });
    $("back").addEventListener("click", () => history.back());
    $("change").addEventListener("click", () => { say(""); show("ballot"); });
    for (const button of document.querySelectorAll("button[data-score]")) {
      button.addEventListener("click", () => pickScore(Number(button.dataset.score)));
    }
    $("rate-send").addEventListener("click", sendRating);
    $("rate-back").addEventListener("click", () => history.back());
    $("rate-change").addEventListener("click", () => { say(""); show("rate"); });
    window.addEventListener("popstate", () => {
      if (skipPop) { skipPop = false; return; }
      if (screen === "confirm") { forget(); show("ballot"); } else if (screen === "rate-confirm") { show("rate"); }
    });
    const match = /[#&]c=([0-9A-Za-z-]+)/.exec(window.location.hash);
    history.replaceState(null, "", window.location.pathname);  // the code leaves the address bar and history
    show("join");
    if (match) {
      join(match[1]).then((ok) => { if (!ok) { $("code").value = match[1]; } });
    } else {
      refresh();
    }
    window.setInterval(() => { if (joined && !stream) { refresh(); } }, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
