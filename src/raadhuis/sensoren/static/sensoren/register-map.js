// Progressive enhancement: the table holds the same data; the map only adds a view.
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("sensor-punten");
  var element = document.getElementById("kaart");
  if (!data || !element || !window.L) { return; }
  var points = JSON.parse(data.textContent);
  var map = L.map(element);
  L.tileLayer("https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
    { attribution: "Kaartgegevens &copy; Kadaster", maxZoom: 19 }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.breedtegraad, p.lengtegraad], { title: p.naam, alt: p.naam }).addTo(map);
    var text = document.createElement("div");
    text.textContent = p.naam + " — " + (p.meet || "") + (p.persoonsgegevens ? " (persoonsgegevens)" : "");
    marker.bindPopup(text);
    bounds.push([p.breedtegraad, p.lengtegraad]);
  });
  map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
});
