// policykg document view: type toggles, click a mention to open its entity's ego view,
// jump to #m-<start>-<end>. Offsets come from the server in code points and are only displayed.
(function () {
  "use strict";
  function openEgo(mark) {
    window.location.href = "ego?entity=" + encodeURIComponent(mark.dataset.entity) + "&hops=2";
  }
  document.getElementById("text").addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark.ent");
    if (mark) { openEgo(mark); }
  });
  document.getElementById("text").addEventListener("keydown", function (ev) {
    var mark = ev.target.closest("mark.ent");
    if (mark && ev.key === "Enter") { openEgo(mark); }
  });
  document.querySelectorAll("#legend input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("mark.t-" + box.dataset.type).forEach(function (m) {
        m.classList.toggle("off", !box.checked);
      });
    });
  });
  if (window.location.hash.indexOf("#m-") === 0) {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) { target.classList.add("target"); target.scrollIntoView({ block: "center" }); }
  }
})();
