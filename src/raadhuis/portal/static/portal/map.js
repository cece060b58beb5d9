// The melding map: clicking sets the hidden latitude/longitude fields. The PDOK base map is
// loaded when online; without JavaScript the form asks for a postcode and house number.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  element.hidden = false;
  var help = document.getElementById("map-help");
  if (help) { help.hidden = false; }
  var lat = document.getElementById(element.dataset.latField);
  var lon = document.getElementById(element.dataset.lonField);
  var start = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)] : [52.09, 5.12];
  var map = L.map(element).setView(start, lat.value ? 17 : 13);
  L.tileLayer(element.dataset.tiles, {
    maxZoom: 19, attribution: "Kaartgegevens &copy; Kadaster (PDOK)"
  }).addTo(map);
  L.Icon.Default.imagePath = element.ownerDocument.querySelector('link[href*="leaflet.css"]')
    .getAttribute("href").replace("leaflet.css", "images/");
  var marker = lat.value ? L.marker(start).addTo(map) : null;
  map.on("click", function (event) {
    lat.value = event.latlng.lat.toFixed(7);
    lon.value = event.latlng.lng.toFixed(7);
    if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng).addTo(map); }
  });
})();
