(function () {
  var form = document.getElementById('decide');
  if (form) {
    var parts = { event: document.getElementById('event-part'), manual: document.getElementById('manual-part') };
    var sync = function () {
      var chosen = form.querySelector('input[name=request]:checked');
      var value = chosen ? chosen.value : 'evaluate';
      Object.keys(parts).forEach(function (key) {
        if (!parts[key]) return;
        parts[key].hidden = key !== value;
        parts[key].querySelectorAll('select, input').forEach(function (el) { el.disabled = key !== value; });
      });
    };
    form.addEventListener('change', sync);
    sync();
  }
  var focus = document.getElementById('problems-box') || document.getElementById('answer-box');
  if (focus) { focus.focus(); }
})();
