// Article pages: the citation line's copy button (without a clipboard it stays hidden, and
// the line can still be selected).
(function () {
  var button = document.querySelector(".copy-cite");
  var line = document.querySelector(".cite-line");
  if (!button || !line || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(line.textContent.trim()).then(function () {
      button.textContent = button.dataset.copied;
    });
  });
})();
