// Behaviour that pages declare with data attributes, so no page needs an inline handler (the CSP allows none).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
