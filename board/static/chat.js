// Web chat as a customer of one business, over Rasa's socket.io channel (websocket only: Rasa does no CORS).
// The session id is 32 random hex digits kept per business in sessionStorage, the only form Rasa's channel accepts.
(function () {
  "use strict";

  var chat = document.getElementById("chat");
  var businessId = chat.dataset.businessId;
  var list = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var status = document.getElementById("status");

  function setStatus(state, text) {
    status.className = "status status--" + state;
    status.textContent = text;
  }

  function show(kind, text) {
    var item = document.createElement("li");
    item.className = "msg msg--" + kind;
    item.textContent = text;
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function sessionId() {
    var key = "chat-session:" + businessId;
    try {
      var stored = sessionStorage.getItem(key);
      if (/^[0-9a-f]{32}$/.test(stored || "")) return stored;
      var id = randomId();
      sessionStorage.setItem(key, id);
      return id;
    } catch (blocked) {
      return randomId(); // storage disabled: the conversation lasts as long as the page
    }
  }

  if (typeof io === "undefined") {
    setStatus("off", "Chat unavailable: socket.io client missing (run make install)");
    input.disabled = true;
    return;
  }

  var session = sessionId();
  var socket = io(chat.dataset.rasaUrl, { transports: ["websocket"] });

  function send(message, shown) {
    show("user", shown);
    socket.emit("user_uttered", {
      message: message,
      session_id: session,
      customData: { business_id: businessId, channel: "web" }
    });
  }

  // Buttons the assistant offers (Rasa sends them as quick_replies); a tap sends the button's payload.
  function showChoices(choices) {
    var row = document.createElement("li");
    row.className = "choices";
    choices.forEach(function (choice) {
      if (!choice || !choice.title) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.textContent = choice.title;
      button.addEventListener("click", function () {
        list.removeChild(row);
        send(choice.payload || choice.title, choice.title);
      });
      row.appendChild(button);
    });
    if (row.children.length) list.appendChild(row);
  }

  socket.on("connect", function () {
    socket.emit("session_request", { session_id: session });
    setStatus("live", "Online");
  });
  socket.on("disconnect", function () { setStatus("off", "Offline, reconnecting…"); });
  socket.on("connect_error", function () { setStatus("off", "Offline, retrying…"); });
  socket.on("bot_uttered", function (data) {
    if (!data) return;
    if (typeof data.text === "string" && data.text) show("bot", data.text);
    if (Array.isArray(data.quick_replies)) showChoices(data.quick_replies);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    send(text, text);
    input.value = "";
    input.focus();
  });
})();
