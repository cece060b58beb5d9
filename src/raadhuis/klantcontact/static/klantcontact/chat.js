/* The chat widget: talks to /klantcontact/<org>/chat/ (JSON) instead of posting the plain
   form to the chat page. New messages are announced by the role="log" region; the panel
   opens and closes from the keyboard (Escape closes it and returns focus to the button). */
(function () {
  "use strict";
  var widget = document.querySelector(".kc-chat");
  if (!widget || !window.fetch || !window.FormData) { return; }  // the link to the chat page stays
  var url = widget.getAttribute("data-chat-url");
  var link = widget.querySelector(".kc-chat__link");
  var toggle = widget.querySelector(".kc-chat__toggle");
  var panel = widget.querySelector(".kc-chat__panel");
  var log = widget.querySelector(".kc-chat__log");
  var form = widget.querySelector(".kc-chat__form");
  var input = form.querySelector("[name=bericht]");
  var photo = form.querySelector("[name=foto]");
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var seen = 0, loaded = false, polling = null, busy = false;
  function t(name) { return widget.getAttribute("data-text-" + name); }  // translated in the template

  link.hidden = true;
  toggle.hidden = false;

  function add(who, name, text, extra) {
    var message = document.createElement("div");
    message.className = "kc-message kc-message--" + who;
    var label = document.createElement("span");
    label.className = "kc-message__who";
    label.textContent = name + ": ";
    message.appendChild(label);
    text.split("\n").forEach(function (line, index) {
      if (index) { message.appendChild(document.createElement("br")); }
      message.appendChild(document.createTextNode(line));
    });
    if (extra) { message.appendChild(extra); }
    log.appendChild(message);
    log.scrollTop = log.scrollHeight;
  }

  function nameOf(message) {
    if (message.van === "inwoner") { return t("you"); }
    return message.van === "medewerker" ? message.naam : t("bot");
  }

  function extras(reply) {
    var box = document.createElement("div");
    (reply.bronnen || []).forEach(function (bron) {
      var p = document.createElement("p");
      var a = document.createElement("a");
      a.href = bron.url;
      a.textContent = t("more") + " " + bron.title;
      p.appendChild(a);
      box.appendChild(p);
    });
    if (reply.inloggen) {
      var login = document.createElement("a");
      login.href = widget.getAttribute("data-login-url");
      login.textContent = t("login");
      box.appendChild(login);
    }
    if ((reply.opties || []).length) {
      var list = document.createElement("ul");
      list.className = "kc-chat__options";
      reply.opties.forEach(function (option) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "utrecht-button utrecht-button--secondary-action";
        button.textContent = option;
        button.addEventListener("click", function () { send(option); });
        item.appendChild(button);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box.childNodes.length ? box : null;
  }

  function request(method, body, after) {
    var target = after === undefined ? url : url + "?na=" + after;
    return fetch(target, {
      method: method, body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": token, "Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    });
  }

  function poll() {
    request("GET", undefined, seen).then(function (result) {
      (result.data.berichten || []).forEach(function (message) {
        seen = Math.max(seen, message.n);
        if (message.van !== "inwoner") { add(message.van, nameOf(message), message.tekst); }
      });
    });
  }

  function withPerson(active) {
    if (active && !polling) { polling = window.setInterval(poll, 3000); }
  }

  function load() {
    if (loaded) { return; }
    loaded = true;
    request("GET").then(function (result) {
      (result.data.berichten || []).forEach(function (message) {
        seen = Math.max(seen, message.n);
        add(message.van, nameOf(message), message.tekst);
      });
      withPerson(result.data.overdracht === "gevraagd" || result.data.overdracht === "overgenomen");
    });
  }

  function send(text) {
    if (busy || (!text.trim() && !photo.files.length)) { return; }
    busy = true;
    var body = new FormData();
    body.append("bericht", text);
    if (photo.files.length) { body.append("foto", photo.files[0]); }
    add("inwoner", t("you"), text || t("photo"));
    input.value = "";
    photo.value = "";
    request("POST", body).then(function (result) {
      var reply = result.data;
      if (!result.ok) {
        add("chatbot", t("bot"), reply.fout || t("failed"));
      } else if (reply.antwoord === null) {
        seen += 1;
        withPerson(true);
      } else {
        seen += 2;
        add("chatbot", t("bot"), reply.antwoord, extras(reply));
        withPerson(reply.overdracht);
      }
    }).catch(function () {
      add("chatbot", t("bot"), t("error"));
    }).then(function () { busy = false; input.focus(); });
  }

  function open(show) {
    panel.hidden = !show;
    toggle.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) { load(); input.focus(); } else { toggle.focus(); }
  }

  toggle.addEventListener("click", function () { open(panel.hidden); });
  widget.querySelector(".kc-chat__close").addEventListener("click", function () { open(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { open(false); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value);
  });
}());
