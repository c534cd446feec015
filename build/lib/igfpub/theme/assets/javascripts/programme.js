// Programme explorer filters: progressive enhancement over the complete grouped list.
(function () {
  "use strict";
  var form = document.getElementById("igf-filters");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".igf-programme-item"));
  var sections = Array.prototype.slice.call(document.querySelectorAll(".igf-programme-track"));
  var count = form.querySelector(".igf-filters__count");
  function has(list, value) {
    return !value || (" " + list + " ").indexOf(" " + value + " ") !== -1;
  }
  function apply() {
    var f = {
      track: form.elements.track.value,
      type: form.elements.type.value,
      stakeholder: form.elements.stakeholder.value,
      body: form.elements.body.value,
    };
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset;
      var ok = has(d.track, f.track) && has(d.type, f.type) &&
        has(d.stakeholders, f.stakeholder) && has(d.bodies, f.body);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector(".igf-programme-item:not([hidden])");
    });
    count.textContent = count.dataset.template
      .replace("%(shown)s", String(shown)).replace("%(total)s", String(items.length));
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
