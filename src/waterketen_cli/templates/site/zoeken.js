// Zoeken op de website met de index die 'waterketen site' met Pagefind maakt (de map
// pagefind/ naast dit script). Alles komt van deze site; er gaat geen verzoek naar een
// andere server. Geopend vanaf de schijf (file://) kan een browser de index niet laden:
// dan zegt de pagina dat, in plaats van te zoeken.
(function () {
  "use strict";

  var basis = new URL(".", document.currentScript.src);
  var formulier = document.getElementById("zoekveld");
  var veld = document.getElementById("zoekterm");
  var status = document.getElementById("zoekstatus");
  var uitkomsten = document.getElementById("zoekresultaten");
  if (!formulier || !veld || !status || !uitkomsten) {
    return;
  }
  var MAX = 20;

  if (window.location.protocol === "file:") {
    status.textContent =
      "Zoeken werkt als de website op een webserver staat (zoals GitHub Pages of " +
      "GitLab Pages), niet als u de bestanden van de schijf opent. Alle pagina's zijn " +
      "te vinden via het menu.";
    veld.disabled = true;
    formulier.querySelector("button").disabled = true;
    return;
  }

  var index = null;
  function laad() {
    if (index === null) {
      index = import(new URL("pagefind/pagefind.js", basis).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: "/" }).then(function () {
          return pagefind;
        });
      });
    }
    return index;
  }

  // Het fragment met de gevonden woorden gemarkeerd, als tekst: alleen <mark> blijft.
  function fragment(html) {
    var uit = document.createElement("p");
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.childNodes.forEach(function (knoop) {
      if (knoop.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = knoop.textContent;
        uit.appendChild(mark);
      } else {
        uit.appendChild(document.createTextNode(knoop.textContent));
      }
    });
    return uit;
  }

  function aantal(n) {
    return n === 1 ? "1 pagina" : n + " pagina's";
  }

  var beurt = 0;
  async function zoek(term) {
    var deze = ++beurt;
    term = term.trim();
    uitkomsten.replaceChildren();
    if (!term) {
      status.textContent = "";
      return;
    }
    status.textContent = "Bezig met zoeken…";
    try {
      var pagefind = await laad();
      var gevonden = await pagefind.search(term);
      var gegevens = await Promise.all(
        gevonden.results.slice(0, MAX).map(function (r) {
          return r.data();
        })
      );
      if (deze !== beurt) {
        return;
      }
      var n = gevonden.results.length;
      status.textContent =
        n === 0
          ? "Niets gevonden voor “" + term + "”."
          : aantal(n) + " gevonden voor “" + term + "”" +
            (n > MAX ? "; de eerste " + MAX + " staan hieronder." : ".");
      if (n === 0) {
        return;
      }
      var lijst = document.createElement("ol");
      gegevens.forEach(function (d) {
        var item = document.createElement("li");
        var kop = document.createElement("h2");
        var link = document.createElement("a");
        link.href = new URL(d.url.replace(/^\/+/, ""), basis).href;
        link.textContent = (d.meta && d.meta.title) || d.url;
        kop.appendChild(link);
        item.appendChild(kop);
        item.appendChild(fragment(d.excerpt || ""));
        lijst.appendChild(item);
      });
      uitkomsten.appendChild(lijst);
    } catch (fout) {
      if (deze === beurt) {
        status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw, of gebruik het menu.";
      }
    }
  }

  var wacht = null;
  veld.addEventListener("input", function () {
    window.clearTimeout(wacht);
    wacht = window.setTimeout(function () {
      zoek(veld.value);
    }, 250);
  });
  formulier.addEventListener("submit", function (gebeurtenis) {
    gebeurtenis.preventDefault();
    window.clearTimeout(wacht);
    var term = veld.value.trim();
    window.history.replaceState(null, "", term ? "?q=" + encodeURIComponent(term) : "?");
    zoek(term);
  });

  var gevraagd = new URLSearchParams(window.location.search).get("q");
  if (gevraagd) {
    veld.value = gevraagd;
    zoek(gevraagd);
  }
})();
