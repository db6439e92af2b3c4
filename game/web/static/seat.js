// Push Comes to Shove, workshop seat and console: the little the pages need a script for.
// Every page works without it (forms post, a pause page reloads itself); with it:
//  - the decision clock counts down, and the page reloads when the time is up;
//  - a page waiting on the facilitator (a pause, the end of the workshop) reloads when that changes;
//  - the console's board refreshes every few seconds without touching its forms.
(function () {
  "use strict";

  function countdown() {
    var clock = document.querySelector(".clock[data-seconds]");
    if (!clock) { return; }
    var left = parseInt(clock.getAttribute("data-seconds"), 10);
    var end = Date.now() + left * 1000;
    var template = clock.textContent;
    var shown = template.match(/\d+:\d\d/);
    function tick() {
      var s = Math.max(0, Math.round((end - Date.now()) / 1000));
      var text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      clock.textContent = shown ? template.replace(shown[0], text) : text;
      if (s <= 30) { clock.classList.add("short"); }
      if (s <= 0) { window.location.reload(); return; }
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function watchStamp() {
    var stamp = document.getElementById("stamp");
    if (!stamp) { return; }
    var url = stamp.getAttribute("data-status");
    var known = stamp.getAttribute("data-stamp");
    function poll() {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && data.stamp !== known) { window.location.reload(); return; }
          window.setTimeout(poll, 2000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 2000);
  }

  function liveBoard() {
    var board = document.getElementById("board");
    if (!board) { return; }
    var url = board.getAttribute("data-board");
    function poll() {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          var busy = board.contains(document.activeElement);
          if (html !== null && !busy) { board.innerHTML = html; }
          window.setTimeout(poll, 3000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 3000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    countdown();
    watchStamp();
    liveBoard();
  });
}());
