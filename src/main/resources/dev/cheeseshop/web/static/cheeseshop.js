// Progressive enhancement only: every page works without this file. It adds a copy button beside
// each command marked data-copy (the Clipboard API needs a script; without one the text is selectable).
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("pre[data-copy]").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy secondary";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the command: " + pre.textContent.trim());
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent.trim()).then(function () {
        button.textContent = "Copied";
        status.textContent = "Copied to the clipboard";
      }, function () {
        status.textContent = "Could not copy: select the command instead";
      });
    });
    pre.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  });
})();
