// speciosa: logging while offline, and the service worker (docs/offline.md).
//
// A form marked data-offline="dose", "repeat" or "checkin" (the dose form, Today's quick amounts,
// Repeat last dose, the quick check-in, the offline page) is sent as usual while the server answers.
// When it does not (no network, or the server is out of reach), the entry is kept in IndexedDB with
// its own uid and the moment the person pressed save, and the page says how many are waiting. Once
// the server answers again (the online event, a page load, every 30 seconds), each is sent to the
// API as a create with its uid, so a retry stores nothing twice; an entry leaves the queue only when
// the API answered 200 or 201. An entry the API refuses stays, with the reason shown, until the
// person discards it. Entries are kept per account and only sent from that account's pages.
(function () {
  "use strict";
  var status = document.getElementById("offline-queue");
  if ("serviceWorker" in navigator && status && status.dataset.serviceWorker) {
    navigator.serviceWorker.register(status.dataset.serviceWorker, { scope: status.dataset.scope }).catch(function () {});
  }
  if (!status || !("indexedDB" in window)) { return; }

  var API = status.dataset.api;
  var HEALTH = status.dataset.health;
  var OWNER_KEY = "speciosa-offline-owner";
  var signedIn = status.dataset.owner || "";
  if (signedIn) { try { localStorage.setItem(OWNER_KEY, signedIn); } catch (e) { /* private mode */ } }
  var sentThisVisit = 0;
  var syncing = false;

  // --- the queue: one IndexedDB store, keyed by the entry's uid --------------------------------
  var database = null;
  function db() {
    if (database) { return database; }
    database = new Promise(function (resolve, reject) {
      var request = indexedDB.open("speciosa-offline", 1);
      request.onupgradeneeded = function () { request.result.createObjectStore("entries", { keyPath: "uid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return database;
  }
  function store(mode, work) {
    return db().then(function (opened) {
      return new Promise(function (resolve, reject) {
        var transaction = opened.transaction("entries", mode);
        var result = work(transaction.objectStore("entries"));
        transaction.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        transaction.onerror = function () { reject(transaction.error); };
      });
    });
  }
  function allEntries() {
    return store("readonly", function (entries) { return entries.getAll(); }).then(function (found) {
      return (found || []).sort(function (a, b) { return a.pressed < b.pressed ? -1 : 1; });
    });
  }
  function put(entry) { return store("readwrite", function (entries) { return entries.put(entry); }); }
  function remove(uid) { return store("readwrite", function (entries) { return entries.delete(uid); }); }

  // --- an entry from a form -------------------------------------------------------------------
  function newUid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }
  function number(value) { return value === null || value === "" ? undefined : Number(value); }
  function clock(iso) { return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }); }
  function localTime(form, value) {
    // A time typed in the form is the person's wall-clock time; the page gives their UTC offset.
    var offset = (form.dataset.utcOffset || "+0000").replace(/^([+-]\d\d)(\d\d)$/, "$1:$2");
    return value + (value.length === 16 ? ":00" : "") + offset;
  }

  function doseEntry(form, pressed) {
    var data = new FormData(form);
    var body = { amount: number(data.get("amount")), unit: data.get("unit") || "g" };
    if (data.get("product")) { body.product_uid = data.get("product"); }
    if (number(data.get("tea_grams")) !== undefined) { body.tea_grams = number(data.get("tea_grams")); }
    if (number(data.get("tea_ml")) !== undefined) { body.tea_ml = number(data.get("tea_ml")); }
    if (data.get("note")) { body.note = data.get("note"); }
    if (data.get("is_estimate")) { body.is_estimate = true; }
    if (data.get("confirmed")) { body.confirm = true; }
    body.taken_at = data.get("taken_at") ? localTime(form, data.get("taken_at")) : pressed;
    return { kind: "doses", body: body, label: "Dose of " + body.amount + " " + body.unit };
  }
  function repeatEntry(form, pressed) {
    var last = form.dataset;
    var body = { amount: Number(last.amount), unit: last.unit, is_estimate: last.estimate === "true", taken_at: pressed };
    if (last.product) { body.product_uid = last.product; }
    return { kind: "doses", body: body, label: "Dose of " + body.amount + " " + body.unit + " (repeat)" };
  }
  function checkinEntry(form, pressed, submitter) {
    var body = { at: pressed };
    var pain = submitter && submitter.name === "pain_now" ? submitter.value : new FormData(form).get("pain_now");
    body.pain_now = number(pain);
    return { kind: "checkins", body: body, label: "Pain " + body.pain_now + " of 10" };
  }
  var MAKERS = { dose: doseEntry, repeat: repeatEntry, checkin: checkinEntry };

  function queue(form, submitter, pressed) {
    var owner = signedIn;
    if (!owner) { try { owner = localStorage.getItem(OWNER_KEY) || ""; } catch (e) { owner = ""; } }
    if (!owner) {
      show("Sign in once while connected before logging offline: this device does not know whose journal this is.");
      return Promise.resolve();
    }
    var entry = MAKERS[form.dataset.offline](form, pressed, submitter);
    entry.uid = newUid();
    entry.body.uid = entry.uid;
    entry.owner = owner;
    entry.pressed = pressed;
    entry.label += " at " + clock(pressed);
    entry.problem = "";
    return put(entry).then(function () {
      if (form.dataset.offline === "dose") { form.reset(); }
      return render(entry.label + " is saved on this device.");
    });
  }

  function reachable() {
    if (navigator.onLine === false) { return Promise.resolve(false); }
    var controller = "AbortController" in window ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, 4000);
    return fetch(HEALTH, { cache: "no-store", credentials: "same-origin", signal: controller && controller.signal })
      .then(function (response) { return response.ok; }, function () { return false; })
      .then(function (ok) { if (timer) { clearTimeout(timer); } return ok; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !MAKERS[form.dataset.offline] || form.dataset.offlineChecked === "yes") { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    var pressed = new Date().toISOString();
    var onlyQueue = form.hasAttribute("data-offline-only");
    (onlyQueue ? Promise.resolve(false) : reachable()).then(function (online) {
      if (!online) { return queue(form, submitter, pressed).then(sync); }
      form.dataset.offlineChecked = "yes";  // the server answers: send the form as usual
      form.requestSubmit(submitter);
      setTimeout(function () { delete form.dataset.offlineChecked; }, 0);
    });
  });

  // --- sending ---------------------------------------------------------------------------------
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function problemOf(response) {
    return response.json().then(function (answer) {
      return (answer.errors || []).map(function (error) {
        return (error.field ? error.field + ": " : "") + error.message;
      }).join("; ") || "refused (" + response.status + ")";
    }, function () { return "refused (" + response.status + ")"; });
  }
  function send(entry) {
    return fetch(API + entry.kind, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(entry.body)
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        sentThisVisit += 1;
        return remove(entry.uid).then(function () { return "sent"; });
      }
      if (response.status === 401 || response.status === 403) { return "signed-out"; }
      if (response.status >= 400 && response.status < 500) {
        return problemOf(response).then(function (problem) {
          entry.problem = problem;
          return put(entry).then(function () { return "refused"; });
        });
      }
      return "later";
    }, function () { return "later"; });
  }
  function sync() {
    if (syncing || !signedIn || navigator.onLine === false) { return render(); }
    syncing = true;
    // One tab sends at a time (the Web Locks API, where the browser has it); the uids make a second
    // send harmless anyway.
    var locks = navigator.locks;
    return locks ? locks.request("speciosa-offline-sync", sendAll) : sendAll();
  }
  function sendAll() {
    return allEntries().then(function (entries) {
      var waiting = entries.filter(function (e) { return e.owner === signedIn && !e.problem; });
      var note = "";
      var next = function (index) {
        if (index >= waiting.length) { return Promise.resolve(); }
        return send(waiting[index]).then(function (outcome) {
          if (outcome === "signed-out") { note = "Sign in again to send them."; return; }
          if (outcome === "later") { return; }
          return next(index + 1);
        });
      };
      return next(0).then(function () { syncing = false; return render(note); });
    }, function () { syncing = false; });
  }

  // --- what the page says ----------------------------------------------------------------------
  function show(text) {
    status.hidden = false;
    status.querySelector(".offline-count").textContent = text;
  }
  function render(extra) {
    return allEntries().then(function (entries) {
      var mine = entries.filter(function (e) { return !signedIn || e.owner === signedIn; });
      var waiting = mine.filter(function (e) { return !e.problem; });
      var refused = mine.filter(function (e) { return e.problem; });
      var words = [];
      if (extra) { words.push(extra); }
      if (waiting.length) {
        words.push(waiting.length + (waiting.length === 1 ? " entry" : " entries") + " waiting to sync." +
          " Safety findings for doses logged offline appear once they are synced.");
        if (!signedIn) { words.push("When the connection returns, open Today to send them."); }
      } else if (sentThisVisit) {
        words.push("All entries logged offline are synced (" + sentThisVisit + " sent).");
      }
      var list = status.querySelector(".offline-problems");
      list.replaceChildren();
      refused.forEach(function (entry) {
        var item = document.createElement("li");
        item.textContent = entry.label + " was not saved: " + entry.problem + " ";
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "secondary outline";
        discard.textContent = "Discard it";
        discard.addEventListener("click", function () { remove(entry.uid).then(function () { render(); }); });
        item.appendChild(discard);
        list.appendChild(item);
      });
      status.querySelector(".offline-count").textContent = words.join(" ");
      var link = status.querySelector(".offline-reload");
      link.hidden = !(sentThisVisit && !waiting.length);
      status.hidden = !words.length && !refused.length;
    });
  }

  window.addEventListener("online", sync);
  window.addEventListener("offline", function () { render(); });
  setInterval(function () { if (signedIn && navigator.onLine !== false) { sync(); } }, 30000);
  sync();
})();
