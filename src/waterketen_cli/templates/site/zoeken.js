// Zoeken op de website. Op een webserver met de index die 'waterketen site' met
// Pagefind maakt (de map pagefind/ naast dit script). Geopend vanaf de schijf (file://)
// laadt een browser die index niet; dan zoekt dit script in zoekindex.js, de eenvoudige
// index die ook naast dit script staat en als gewoon script geladen wordt. Ook als
// Pagefind op een server niet laadt, valt het terug op zoekindex.js. Alles komt van
// deze site; er gaat geen verzoek naar een andere server.
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
  var VAN_SCHIJF = window.location.protocol === "file:";

  // --- Pagefind (op een webserver) ---

  var pagefind = null;
  function laadPagefind() {
    if (pagefind === null) {
      pagefind = import(new URL("pagefind/pagefind.js", basis).href).then(function (pf) {
        return pf.options({ baseUrl: "/" }).then(function () {
          return pf;
        });
      });
    }
    return pagefind;
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

  async function zoekPagefind(term) {
    var pf = await laadPagefind();
    var gevonden = await pf.search(term);
    var gegevens = await Promise.all(
      gevonden.results.slice(0, MAX).map(function (r) {
        return r.data();
      })
    );
    return {
      aantal: gevonden.results.length,
      paginas: gegevens.map(function (d) {
        return {
          adres: new URL(d.url.replace(/^\/+/, ""), basis).href,
          titel: (d.meta && d.meta.title) || d.url,
          tekst: fragment(d.excerpt || ""),
        };
      }),
    };
  }

  // --- zoekindex.js (van de schijf) ---

  // Een woord zoals de index het heeft, zonder accenten: "coördinator" vindt ook
  // "coordinator" en andersom.
  function vorm(tekst) {
    return tekst.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "");
  }

  function woorden(tekst) {
    return vorm(tekst).match(/[\p{L}\p{N}_]+/gu) || [];
  }

  var reserve = null;
  function laadReserve() {
    if (reserve === null) {
      reserve = new Promise(function (klaar, mis) {
        var script = document.createElement("script");
        script.src = new URL("zoekindex.js", basis).href;
        script.onload = function () {
          if (!Array.isArray(window.ZOEKINDEX)) {
            mis(new Error("zoekindex.js zonder index"));
            return;
          }
          klaar(
            window.ZOEKINDEX.map(function (p) {
              return {
                adres: p[0],
                titel: p[1],
                woorden: p[2],
                zoek: " " + vorm(p[2]) + " ",
                kop: " " + woorden(p[1]).join(" ") + " ",
              };
            })
          );
        };
        script.onerror = function () {
          mis(new Error("zoekindex.js niet geladen"));
        };
        document.head.appendChild(script);
      });
      reserve.catch(function () {
        reserve = null; // een volgende zoekopdracht probeert het opnieuw
      });
    }
    return reserve;
  }

  // De gevonden woorden van de pagina, elk gemarkeerd.
  function gevondenWoorden(pagina, termen) {
    var uit = document.createElement("p");
    var origineel = pagina.woorden.split(" ");
    var gevormd = pagina.zoek.slice(1, -1).split(" ");
    var getoond = 0;
    uit.appendChild(document.createTextNode("Op deze pagina: "));
    for (var i = 0; i < gevormd.length && getoond < 10; i++) {
      var raak = termen.some(function (t) {
        return gevormd[i].startsWith(t);
      });
      if (raak) {
        if (getoond > 0) {
          uit.appendChild(document.createTextNode(", "));
        }
        var mark = document.createElement("mark");
        mark.textContent = origineel[i];
        uit.appendChild(mark);
        getoond++;
      }
    }
    uit.appendChild(document.createTextNode("."));
    return uit;
  }

  // Elke term aan het begin van een woord van de pagina; eerst de pagina's met de termen
  // in de titel, dan met de hele woorden, dan met de woorden het eerst op de pagina.
  async function zoekReserve(term) {
    var index = await laadReserve();
    var termen = Array.from(new Set(woorden(term)));
    var gevonden = [];
    index.forEach(function (pagina, volgorde) {
      var plaats = 0;
      var heel = 0;
      var inKop = 0;
      for (var i = 0; i < termen.length; i++) {
        var waar = pagina.zoek.indexOf(" " + termen[i]);
        if (waar < 0) {
          return;
        }
        plaats += waar;
        if (pagina.zoek.indexOf(" " + termen[i] + " ") >= 0) {
          heel++;
        }
        if (pagina.kop.indexOf(" " + termen[i]) >= 0) {
          inKop++;
        }
      }
      gevonden.push({ pagina: pagina, score: [-inKop, -heel, plaats, volgorde] });
    });
    gevonden.sort(function (a, b) {
      for (var i = 0; i < a.score.length; i++) {
        if (a.score[i] !== b.score[i]) {
          return a.score[i] - b.score[i];
        }
      }
      return 0;
    });
    return {
      aantal: termen.length ? gevonden.length : 0,
      paginas: (termen.length ? gevonden : []).slice(0, MAX).map(function (g) {
        return {
          adres: new URL(g.pagina.adres, basis).href,
          titel: g.pagina.titel,
          tekst: gevondenWoorden(g.pagina, termen),
        };
      }),
    };
  }

  // --- de zoekpagina ---

  function zoekOveral(term) {
    if (VAN_SCHIJF) {
      return zoekReserve(term);
    }
    return zoekPagefind(term).catch(function () {
      return zoekReserve(term);
    });
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
      var gevonden = await zoekOveral(term);
      if (deze !== beurt) {
        return;
      }
      var n = gevonden.aantal;
      status.textContent =
        n === 0
          ? "Niets gevonden voor “" + term + "”."
          : aantal(n) + " gevonden voor “" + term + "”" +
            (n > MAX ? "; de eerste " + MAX + " staan hieronder." : ".");
      if (n === 0) {
        return;
      }
      var lijst = document.createElement("ol");
      gevonden.paginas.forEach(function (p) {
        var item = document.createElement("li");
        var kop = document.createElement("h2");
        var link = document.createElement("a");
        link.href = p.adres;
        link.textContent = p.titel;
        kop.appendChild(link);
        item.appendChild(kop);
        item.appendChild(p.tekst);
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
    try {
      window.history.replaceState(null, "", term ? "?q=" + encodeURIComponent(term) : "?");
    } catch (fout) {
      // Van de schijf staat niet elke browser dat toe; het zoeken gaat gewoon door.
    }
    zoek(term);
  });

  var gevraagd = new URLSearchParams(window.location.search).get("q");
  if (gevraagd) {
    veld.value = gevraagd;
    zoek(gevraagd);
  }
})();
