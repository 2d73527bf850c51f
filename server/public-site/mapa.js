// The map's tap caption (progressive enhancement; the page works without it): a tap or hover on a
// municipality writes its name and figures, from the path's <title>, under the map.
(function () {
  var maps = document.querySelectorAll('.mapa');
  for (var i = 0; i < maps.length; i++) wire(maps[i]);
  function wire(fig) {
    var caption = fig.querySelector('.map-caption');
    var selected = null;
    function show(e) {
      var t = e.target;
      if (!t || !t.getAttribute || !t.getAttribute('data-c')) return;
      if (selected) selected.classList.remove('sel');
      selected = t;
      t.classList.add('sel');
      caption.textContent = t.querySelector('title').textContent;
    }
    fig.addEventListener('click', show);
    fig.addEventListener('mouseover', show);
  }
})();
