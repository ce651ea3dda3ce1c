/*
 * d2l-edition-tabs: a JupyterLab tab of one of the chapter's pages names its edition,
 * "training.md · English", "training.md · 中文", "training.md · Tiếng Việt", as the
 * three editions of a page share its file name (notebooks/, notebooks/zh/, notebooks/vi/).
 *
 * Written by hand, with nothing to build: a JupyterLab 4 "federated extension" is a
 * folder in share/jupyter/labextensions/ whose package.json names, under
 * jupyterlab._build, a script to load ("load") and a module of it to ask for
 * ("extension"). JupyterLab (static/bootstrap.js and index.out.js of the jupyterlab
 * package) loads the script with a <script> tag, calls
 * window._JUPYTERLAB[<package name>].init(shareScope) and then .get("./extension"),
 * whose promise gives a factory; the module the factory returns exports the plugin(s),
 * as `default` of an ES module. Webpack writes such a "module federation container"
 * for a built extension; this one needs no shared module (no @jupyterlab package), as
 * its plugin uses only the application object it is activated with.
 *
 * The editions are not written here: d2l_local.lab installs this folder and writes
 * editions.json beside this file, {folder of the server root: its edition's name},
 * from d2l_local.locales (the one list of the editions).
 *
 * This file lies at the top of the extension's folder, not in static/: Jupyter serves
 * every extension's static/ folder as "immutable" (cached for a year), which suits
 * webpack's hashed file names but would keep an old copy of this one in a browser.
 */
(function () {
  'use strict';

  var NAME = 'd2l-edition-tabs'; // package.json's name: JupyterLab looks the container up by it
  var SEPARATOR = ' · ';

  // The folder this script was loaded from (read now: currentScript is only set while
  // the script runs), where the installer wrote editions.json.
  var here = document.currentScript ? document.currentScript.src : '';

  function loadEditions() {
    return fetch(new URL('editions.json', here), { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + ' ' + response.statusText);
        }
        return response.json();
      })
      .catch(function (reason) {
        console.warn(NAME + ': no editions.json (run python -m d2l_local.lab), ' +
                     'tabs keep their plain names: ' + reason);
        return {};
      });
  }

  function plugin(editions) {
    // The name of the edition of the file at `path` (relative to the server root, no
    // drive), or null for a file that is not one of the chapter's pages: its folder is
    // one of the editions' folders.
    function editionOf(path) {
      var folder = path.split('/').slice(0, -1).join('/');
      return Object.prototype.hasOwnProperty.call(editions, folder) ? editions[folder] : null;
    }

    function basename(path) {
      return path.split('/').pop() || path;
    }

    // A document's tab label is its title.label. A DocumentWidget (a notebook, a text
    // editor, any viewer of a file) sets it to the file's name when its path changes,
    // and it also *renames the file* when the label changes to something else (its
    // _onTitleChanged: the title field of JupyterLab's simple mode renames a file so).
    // Setting "training.md · English" would rename training.md to that. So this plugin
    // takes that listener's place on the title of each document it relabels: a label
    // that is the file's name (set on opening, after a rename or save-as, or after a
    // rename that failed) gets the edition added; the edition's own label is left
    // alone; any other label is a new name from the reader, which, without the
    // edition, goes to DocumentWidget's listener and renames the file as before.
    function relabel(widget) {
      var context = widget.context;
      var title = widget.title;
      var rename = widget._onTitleChanged;
      if (!context || typeof context.localPath !== 'string' || !title ||
          typeof rename !== 'function') {
        return; // not a document: its label is not a file name
      }
      // A JupyterLab whose DocumentWidget renames by another listener would rename the
      // file: then nothing is relabelled (disconnect says whether it was connected).
      if (!title.changed.disconnect(rename, widget)) {
        return;
      }
      var onTitleChanged = function () {
        var path = context.localPath;
        var edition = editionOf(path);
        if (edition === null) { // not a page of the chapter (or moved out): as before
          rename.call(widget, title);
          return;
        }
        var plain = basename(path);
        var suffix = SEPARATOR + edition;
        if (title.label === plain + suffix) {
          return;
        }
        if (title.label === plain) {
          title.label = plain + suffix;
        } else if (title.label.slice(-suffix.length) === suffix) {
          title.label = title.label.slice(0, -suffix.length); // comes back here
        } else {
          rename.call(widget, title);
        }
      };
      title.changed.connect(onTitleChanged);
      widget.disposed.connect(function () {
        title.changed.disconnect(onTitleChanged);
      });
      if (editionOf(context.localPath) !== null && title.label === basename(context.localPath)) {
        onTitleChanged();
      }
    }

    return {
      id: NAME + ':plugin',
      description: "A tab of one of the chapter's pages names its edition.",
      autoStart: true,
      requires: [],
      activate: function (app) {
        var seen = new WeakSet();
        var look = function () {
          for (var widget of app.shell.widgets('main')) {
            if (!seen.has(widget)) {
              seen.add(widget);
              relabel(widget);
            }
          }
        };
        // a document added to the main area changes the layout (and the current tab)
        if (app.shell.layoutModified) {
          app.shell.layoutModified.connect(look);
        }
        if (app.shell.currentChanged) {
          app.shell.currentChanged.connect(look);
        }
        app.restored.then(look);
        look();
      }
    };
  }

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function (shareScope) {
      // nothing to share or take: the plugin imports no module
    },
    get: function (module) {
      if (module !== './extension') {
        return Promise.reject(new Error(NAME + ' has no module ' + module));
      }
      return loadEditions().then(function (editions) {
        return function () {
          return { __esModule: true, default: plugin(editions) };
        };
      });
    }
  };
})();
