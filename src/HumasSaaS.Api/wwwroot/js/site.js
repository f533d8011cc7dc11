// Behaviour that pages declare with data attributes, so no page needs an inline handler (the CSP allows none).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
// After a validation error the first field marked in error takes the focus.
(function () {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
})();
