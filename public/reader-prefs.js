// the reader's font-size step and theme, put on <html> before the page paints so a dark
// theme or a larger text never flashes in after the light default. the content security
// policy forbids inline scripts, so this is its own small file, loaded synchronously from
// index.html's <head>. the key and values must match src/client/composables/useReaderPrefs.ts
// (tests/unit/client/readerPrefs.test.ts runs this file against it).
;(function () {
  var root = document.documentElement
  try {
    var prefs = JSON.parse(localStorage.getItem('reader-prefs') || '{}') || {}
    if (prefs.theme === 'light' || prefs.theme === 'dark') root.setAttribute('data-theme', prefs.theme)
    if (prefs.fontStep >= 1 && prefs.fontStep <= 5 && prefs.fontStep % 1 === 0) {
      root.setAttribute('data-font-step', String(prefs.fontStep))
    }
  } catch (e) {
    // storage blocked or unreadable: the defaults (system theme, step 2) apply
  }
})()
