"use strict";
// The phone voting page: join with a badge code, then vote or rate, confirm, and change until it closes.
// Everything shown comes from the server as data and is written with textContent, never as HTML.
(function () {
  const LABELS = { agree: "Agree", abstain: "Abstain", disagree: "Disagree", block: "Block" };
  const POLL_MS = 3000;
  const SCREENS = ["join", "waiting", "ballot", "confirm", "recorded", "rate", "rate-confirm", "rate-recorded", "rate-closed"];
  const RATING_SCREENS = ["rate", "rate-confirm", "rate-recorded", "rate-closed"];
  const $ = (id) => document.getElementById(id);
  let state = null;        // the last view from the server
  let nonce = "";          // one-time permission for the next vote
  let picked = "";         // the choice waiting for confirmation
  let pickedScore = 0;     // the score waiting for confirmation
  let screen = "";         // which section is on show
  let sending = false;

  function show(name) {
    screen = name;
    for (const id of SCREENS) { $(id).hidden = id !== name; }
  }

  function say(sentence) {
    $("error").textContent = sentence || "";
    $("error").hidden = !sentence;
  }

  async function call(method, path, body) {
    const options = { method: method, credentials: "same-origin", cache: "no-store", headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try { response = await fetch(path, options); } catch (e) {
      return { status: 0, data: { error: "The voting computer cannot be reached; check you are on the room's Wi-Fi." } };
    }
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    return { status: response.status, data: data };
  }

  function render(data, keepScreen) {
    state = data;
    if (data.nonce) { nonce = data.nonce; }
    $("who").textContent = "You are " + data.name;
    $("who").hidden = false;
    const vote = data.vote;
    if (!vote && data.rating) { renderRating(data.rating, keepScreen); return; }
    if (!vote) {
      if (RATING_SCREENS.includes(screen)) { show("rate-closed"); return; }
      $("outcome").textContent = data.outcome || "";
      $("outcome").hidden = !data.outcome;
      show("waiting");
      return;
    }
    $("principle").textContent = vote.principle;
    $("proposal").textContent = vote.proposal;
    $("kind").textContent = vote.secret ? "Secret vote: no one sees your choice." : "Named vote: your choice is recorded with your name.";
    if (keepScreen && (screen === "confirm" || screen === "ballot")) { return; }
    if (vote.mine) {
      $("recorded-choice").textContent = LABELS[vote.mine] || vote.mine;
      show("recorded");
    } else {
      show("ballot");
    }
  }

  function renderRating(rating, keepScreen) {
    $("rate-principle").textContent = rating.name;
    $("rate-question").textContent = rating.question;
    $("rate-low").textContent = rating.low;
    $("rate-high").textContent = rating.high;
    if (keepScreen && (screen === "rate" || screen === "rate-confirm")) { return; }
    if (rating.mine) {
      $("rate-recorded-score").textContent = String(rating.mine);
      show("rate-recorded");
    } else {
      show("rate");
    }
  }

  function pickScore(score) {
    if (!state || !state.rating) { return; }
    pickedScore = score;
    $("rate-confirm-text").textContent = "You chose " + score + " \u2013 send?";
    const end = score === 1 ? state.rating.low : (score === 5 ? state.rating.high : "");
    $("rate-confirm-end").textContent = end ? score + " means: " + end : "";
    $("rate-confirm-end").hidden = !end;
    say("");
    show("rate-confirm");
  }

  async function sendRating() {
    if (sending || !state || !state.rating) { return; }
    sending = true;
    $("rate-send").disabled = true;
    const result = await call("POST", "/api/rate", { principle: state.rating.principle, score: pickedScore, nonce: nonce });
    sending = false;
    $("rate-send").disabled = false;
    if (result.status === 200) {
      say("");
      state.nonce = result.data.nonce;
      state.rating.mine = result.data.mine;
      render(state, false);
      return;
    }
    say(result.data.error || "Your rating was not recorded; please try again.");
    if (result.data.name) { render(result.data, false); } else { await refresh(); }
  }

  async function join(code) {
    const result = await call("POST", "/api/join", { code: code });
    if (result.status === 200) { say(""); render(result.data, false); return true; }
    say(result.data.error || "That code did not work; check it and try again.");
    show("join");
    return false;
  }

  async function refresh() {
    const result = await call("GET", "/api/state");
    if (result.status === 200) {
      const sameRound = state && state.vote && result.data.vote && state.vote.round === result.data.vote.round;
      const sameRating = state && state.rating && result.data.rating &&
        state.rating.principle === result.data.rating.principle;
      render(result.data, Boolean(sameRound || sameRating));
    } else if (result.status === 401) {
      show("join");
    } else if (result.data.error) {
      say(result.data.error);
    }
  }

  function pick(choice) {
    picked = choice;
    $("confirm-choice").textContent = LABELS[choice];
    $("reason-box").hidden = choice !== "block";
    say("");
    show("confirm");
    if (choice === "block") { $("reason").focus(); }
  }

  async function send() {
    if (sending || !state || !state.vote) { return; }
    const reason = picked === "block" ? $("reason").value.trim() : "";
    if (picked === "block" && !reason) { say("A block needs a short reason; please say why."); return; }
    sending = true;
    $("send").disabled = true;
    const result = await call("POST", "/api/vote", { round: state.vote.round, choice: picked, reason: reason, nonce: nonce });
    sending = false;
    $("send").disabled = false;
    if (result.status === 200) {
      say("");
      $("reason").value = "";
      state.nonce = result.data.nonce;
      state.vote.mine = result.data.mine;
      render(state, false);
      return;
    }
    say(result.data.error || "Your vote was not recorded; please try again.");
    if (result.data.name) { render(result.data, false); } else { await refresh(); }
  }

  function start() {
    $("join-form").addEventListener("submit", (event) => { event.preventDefault(); join($("code").value); });
    for (const button of document.querySelectorAll("button[data-choice]")) {
      button.addEventListener("click", () => pick(button.dataset.choice));
    }
    $("send").addEventListener("click", send);
    $("back").addEventListener("click", () => { say(""); show("ballot"); });
    $("change").addEventListener("click", () => { say(""); show("ballot"); });
    for (const button of document.querySelectorAll("button[data-score]")) {
      button.addEventListener("click", () => pickScore(Number(button.dataset.score)));
    }
    $("rate-send").addEventListener("click", sendRating);
    $("rate-back").addEventListener("click", () => { say(""); show("rate"); });
    $("rate-change").addEventListener("click", () => { say(""); show("rate"); });
    const match = /[#&]c=([0-9A-Za-z-]+)/.exec(window.location.hash);
    if (match) {
      history.replaceState(null, "", window.location.pathname);
      join(match[1]).then((ok) => { if (!ok) { $("code").value = match[1]; } });
    } else {
      refresh();
    }
    window.setInterval(() => { if (!sending && screen !== "join") { refresh(); } }, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
