// Live ticket board: joins the business's socket.io room and puts each new ticket's card on top.
// Cards arrive pre-rendered by the server (ticket.card_html), so they match the ones served with the page.
// "Needs a person" above the tickets is not pushed: it is re-read every 30 seconds, pre-rendered too.
(function () {
  "use strict";

  var board = document.getElementById("board");
  var businessId = board.dataset.businessId;
  var grid = document.getElementById("tickets");
  var status = document.getElementById("status");
  var FRESH_MS = 8000;

  function setStatus(state, text) {
    status.className = "status status--" + state;
    status.textContent = text;
  }

  function showCount() {
    document.getElementById("count").textContent = String(grid.children.length);
    document.getElementById("empty").hidden = grid.children.length > 0;
  }

  // Re-reads today's tickets from the page itself: after a reconnect (tickets may have been missed) and
  // after local midnight (yesterday's leave). On failure the board keeps what it shows.
  function refresh() {
    fetch(location.href, { cache: "no-store" })
      .then(function (reply) {
        if (!reply.ok) throw new Error("board answered " + reply.status);
        return reply.text();
      })
      .then(function (page) {
        var fresh = new DOMParser().parseFromString(page, "text/html");
        grid.innerHTML = fresh.getElementById("tickets").innerHTML;
        document.getElementById("today").textContent = fresh.getElementById("today").textContent;
        showCount();
        scheduleMidnight(Number(fresh.getElementById("board").dataset.refreshInMs));
      })
      .catch(function () {});
  }

  var midnightTimer = null;
  function scheduleMidnight(delayMs) {
    clearTimeout(midnightTimer);
    midnightTimer = setTimeout(refresh, delayMs);
  }
  scheduleMidnight(Number(board.dataset.refreshInMs));

  function insert(ticket) {
    if (!ticket || ticket.business_id !== businessId || !ticket.card_html) return;
    var holder = document.createElement("div");
    holder.innerHTML = ticket.card_html;
    var card = holder.firstElementChild;
    var same = grid.querySelector('[data-number="' + Number(ticket.number) + '"]');
    if (same) grid.removeChild(same);
    grid.insertBefore(card, grid.firstChild);
    card.classList.add("card--fresh");
    setTimeout(function () { card.classList.remove("card--fresh"); }, FRESH_MS);
    showCount();
  }

  // A staff state ("ready", "done") set on this board or another one: restyle the card, relabel its badge.
  var STATES = ["new", "received", "in_progress", "ready", "done"];
  function showState(update) {
    if (!update || update.business_id !== businessId) return;
    var card = grid.querySelector('[data-ticket-id="' + Number(update.id) + '"]');
    if (!card) return;
    STATES.forEach(function (state) { card.classList.remove("card--" + state); });
    card.classList.add("card--" + update.state);
    var badge = card.querySelector(".card__state");
    badge.dataset.state = update.state;
    badge.textContent = update.label;
  }

  // The card's Ready/Done buttons post with fetch so the board stays where it is; without scripts (or a
  // browser that does not say which button was pressed) the form posts and the board reloads.
  grid.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("card__actions") || !event.submitter) return;
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams({ state: event.submitter.value }),
      headers: { Accept: "application/json" },
    })
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(showState)
      .catch(function () {});
  });

  var handoffs = document.getElementById("handoffs");
  var handoffList = document.getElementById("handoff-list");
  var HANDOFFS_EVERY_MS = 30000;
  var shownHandoffs = null;

  // An unchanged list is left alone, so a Done button is not swapped out under a finger.
  function showHandoffs(items) {
    var markup = items.map(function (item) { return item.item_html; }).join("");
    if (markup === shownHandoffs) return;
    shownHandoffs = markup;
    handoffList.innerHTML = markup;
    document.getElementById("handoff-count").textContent = String(items.length);
    handoffs.hidden = items.length === 0;
  }

  // On failure the board keeps what it shows.
  function refreshHandoffs() {
    fetch(board.dataset.handoffsUrl, { cache: "no-store" })
      .then(function (reply) {
        if (!reply.ok) throw new Error("board answered " + reply.status);
        return reply.json();
      })
      .then(showHandoffs)
      .catch(function () {});
  }
  setInterval(refreshHandoffs, HANDOFFS_EVERY_MS);

  // Done posts with fetch, then the list is re-read (closed here, or already by another board); without
  // scripts the form posts and the board reloads.
  handoffList.addEventListener("submit", function (event) {
    if (!event.target.classList.contains("handoff__done")) return;
    event.preventDefault();
    fetch(event.target.action, { method: "POST", headers: { Accept: "application/json" } })
      .then(refreshHandoffs, refreshHandoffs);
  });

  if (typeof io === "undefined") {
    setStatus("off", "No live updates: socket.io client missing (run make install)");
    return;
  }

  var socket = io({ transports: ["websocket"] });
  var connectedBefore = false;
  socket.on("connect", function () {
    socket.emit("join", { business_id: businessId });
    setStatus("live", "Live");
    if (connectedBefore) refresh();
    connectedBefore = true;
  });
  socket.on("disconnect", function () { setStatus("off", "Offline, reconnecting…"); });
  socket.on("connect_error", function () { setStatus("off", "Offline, reconnecting…"); });
  socket.on("error", function (data) { setStatus("off", (data && data.reason) || "Board error"); });
  socket.on("ticket", insert);
  socket.on("status", showState);
})();
