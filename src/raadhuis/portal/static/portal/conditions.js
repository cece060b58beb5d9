// Progressive enhancement: hide a conditional field while its condition is not met. Without
// JavaScript every field shows, and the server ignores a field whose condition is not met.
(function () {
  "use strict";
  function valueOf(form, name) {
    var checked = form.querySelector('[name="' + name + '"]:checked');
    if (checked) { return checked.type === "checkbox" ? "True" : checked.value; }
    var input = form.querySelector('[name="' + name + '"]:not([type="radio"]):not([type="checkbox"])');
    return input ? input.value : "";
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (wrapper) {
      var shown = valueOf(form, wrapper.dataset.showIf) === wrapper.dataset.showValue;
      if (shown) { wrapper.removeAttribute("data-hidden-by-condition"); }
      else { wrapper.setAttribute("data-hidden-by-condition", ""); }
    });
  }
  document.querySelectorAll("form.portal-form").forEach(function (form) {
    if (!form.querySelector("[data-show-if]")) { return; }
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
