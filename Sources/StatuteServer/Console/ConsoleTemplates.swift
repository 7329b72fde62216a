import Mustache

/// The console's Mustache templates, kept in the binary so that a copied `statute`
/// executable serves its pages with nothing beside it. Values are HTML-escaped by
/// Mustache (`{{x}}`); only HTML the console built itself goes through `{{{x}}}`.
enum ConsoleTemplates {
    /// The templates by name, parsed once.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in [("layout", layout), ("policies", policies), ("policy", policy), ("decide", decide),
                             ("field", field), ("login", login), ("message", message)] {
            try library.register(text, named: name)
        }
        return library
    }

    static let layout = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Statute console</title>
    <style>
    :root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --link: #0b4fb3; --line: #c9c9c9;
      --ok-bg: #e3f2e7; --ok: #0d5524; --warn-bg: #fff1dc; --warn: #7a3300; --bad: #a11212; --focus: #0b4fb3; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
    header { background: #12263f; color: #fff; padding: .6rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    header a { color: #fff; }
    header nav { flex: 1; }
    header form { margin: 0; }
    main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
    a { color: var(--link); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
      outline: 3px solid var(--focus); outline-offset: 2px; }
    header a:focus-visible, header button:focus-visible { outline-color: #ffd23f; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: .5rem; background: #fff; color: var(--ink); padding: .3rem .6rem; z-index: 1; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f1f3f6; }
    .table { overflow-x: auto; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; background: #f1f3f6; padding: 0 .2em; border-radius: 3px; }
    pre { background: #f6f7f9; border: 1px solid var(--line); padding: .75rem; overflow-x: auto; font-size: .9rem; line-height: 1.4; }
    pre code { background: none; padding: 0; }
    pre.words { white-space: pre-wrap; }
    .state { display: inline-block; padding: 0 .5em; border-radius: 1em; font-weight: 600; }
    .state-ok { background: var(--ok-bg); color: var(--ok); }
    .state-stale, .state-failed { background: var(--warn-bg); color: var(--warn); }
    .diagram { margin: 1rem 0; overflow-x: auto; }
    .diagram svg { max-width: 100%; height: auto; }
    fieldset { min-width: 0; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .5rem 1rem 1rem; }
    legend { font-weight: 700; padding: 0 .3rem; }
    .field { margin: .7rem 0; }
    .field > label, .field > .label { display: block; font-weight: 600; }
    .field.check > label { display: inline; }
    .hint { margin: .1rem 0 0; color: var(--muted); font-size: .9rem; }
    .error { margin: .2rem 0 0; color: var(--bad); font-weight: 600; }
    .invalid input, .invalid select { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
    input, select, button { font: inherit; }
    input[type=text], input[type=number], input[type=date], input[type=password], select {
      padding: .3rem .4rem; border: 1px solid #767676; border-radius: 4px; min-width: 14rem; max-width: 100%; background: #fff; color: var(--ink); }
    input[type=checkbox], input[type=radio] { width: 1.1rem; height: 1.1rem; vertical-align: -.15rem; }
    button { background: #0b4fb3; color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; cursor: pointer; }
    header button { background: #fff; color: #12263f; padding: .2rem .7rem; }
    .choices label { font-weight: 400; display: block; }
    .problems { border: 2px solid var(--bad); border-radius: 6px; padding: .5rem 1rem; margin-bottom: 1rem; }
    .problems h2 { color: var(--bad); margin: .2rem 0; font-size: 1.1rem; }
    .answer { border: 2px solid #12263f; border-radius: 6px; padding: .5rem 1rem 1rem; margin-bottom: 1.5rem; }
    .answer .status { font-size: 1.6rem; font-weight: 700; margin: .2rem 0; }
    .answer .next { font-size: 1.15rem; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0 0 .5rem 0; }
    footer { max-width: 64rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: .9rem; }
    </style>
    </head>
    <body>
    <a class="skip" href="#main">Skip to the content</a>
    <header>
    <nav aria-label="Where you are"><a href="/">Statute console</a>{{#crumb}} › <a href="{{href}}">{{text}}</a>{{/crumb}}</nav>
    {{#signedIn}}<form method="post" action="/logout"><button type="submit">Sign out</button></form>{{/signedIn}}
    </header>
    <main id="main">
    {{{content}}}
    </main>
    <footer>Statute {{version}} · the same engine as the <code>/v1</code> API and the <code>statute</code> command line.</footer>
    {{#script}}<script>{{{script}}}</script>{{/script}}
    </body>
    </html>
    """#

    static let policies = #"""
    <h1>Policies</h1>
    <p>Every policy this server serves. <strong>ok</strong>: the file on disk is the version serving;
    <strong>stale</strong>: the file on disk has errors (below) and the last good version keeps serving;
    <strong>failed</strong>: the file has never loaded, and nothing serves it.</p>
    <div class="table"><table>
    <caption class="hint">{{count}} served</caption>
    <thead><tr><th scope="col">Policy</th><th scope="col">State</th><th scope="col">File</th><th scope="col">Serving version</th><th scope="col">Loaded</th></tr></thead>
    <tbody>
    {{#policies}}
    <tr>
    <th scope="row">{{#serving}}<a href="/policies/{{name}}">{{title}}</a><br><code>{{name}}</code>{{/serving}}{{^serving}}<code>{{name}}</code>{{/serving}}</th>
    <td><span class="state state-{{state}}">{{state}}</span></td>
    <td><code>{{file}}</code></td>
    <td>{{#digest}}<code title="{{digest}}">{{digestShort}}…</code>{{/digest}}{{^digest}}none{{/digest}}</td>
    <td>{{loadedAt}}</td>
    </tr>
    {{/policies}}
    </tbody></table></div>
    {{#policies}}{{#hasDiagnostics}}
    <section aria-labelledby="d-{{name}}">
    <h2 id="d-{{name}}">{{#isOK}}Warnings{{/isOK}}{{^isOK}}Errors{{/isOK}} in <code>{{file}}</code></h2>
    {{#isStale}}<p>The file on disk has errors; the version loaded {{loadedAt}} keeps serving until they are fixed.</p>{{/isStale}}
    <pre>{{diagnostics}}</pre>
    </section>
    {{/hasDiagnostics}}{{/policies}}
    """#

    static let policy = #"""
    <h1>{{title}}</h1>
    <p><span class="state state-{{state}}">{{state}}</span> <code>{{file}}</code> · version <code title="{{digest}}">{{digestShort}}…</code>, loaded {{loadedAt}}{{#isStale}} — the file on disk has errors; see <a href="/">the policies</a>{{/isStale}}</p>
    <p><a href="/policies/{{name}}/decide"><strong>Why this status, and what next?</strong></a> — ask about one record.</p>
    {{#hasSettings}}
    <h2 id="settings-in-effect">Settings in effect on this server</h2>
    <div class="table"><table>
    <thead><tr><th scope="col">Setting</th><th scope="col">Label</th><th scope="col">Type</th><th scope="col">In effect</th><th scope="col">Default</th></tr></thead>
    <tbody>
    {{#settings}}<tr><th scope="row"><code>{{name}}</code></th><td>{{label}}</td><td><code>{{type}}</code></td><td><strong>{{value}}</strong></td><td>{{defaultText}}</td></tr>
    {{/settings}}
    </tbody></table></div>
    {{/hasSettings}}
    <h2 id="reference">Status reference</h2>
    <p class="hint">The same reference <code>statute docs</code> writes.</p>
    {{{docs}}}
    """#

    static let field = #"""
    <div class="field{{#isCheckbox}} check{{/isCheckbox}}{{#hasError}} invalid{{/hasError}}">
    {{#isCheckbox}}<input type="checkbox" id="{{id}}" name="{{name}}" value="true"{{#checked}} checked{{/checked}} aria-describedby="{{describedBy}}"{{#hasError}} aria-invalid="true"{{/hasError}}> <label for="{{id}}">{{label}}</label>{{/isCheckbox}}
    {{^isCheckbox}}<label for="{{id}}">{{label}}</label>
    {{#isSelect}}<select id="{{id}}" name="{{name}}" aria-describedby="{{describedBy}}"{{#hasError}} aria-invalid="true"{{/hasError}}>
    {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>
    {{/options}}</select>{{/isSelect}}
    {{#isDate}}<input type="date" id="{{id}}" name="{{name}}" value="{{value}}"{{#required}} required{{/required}} aria-describedby="{{describedBy}}"{{#hasError}} aria-invalid="true"{{/hasError}}>{{/isDate}}
    {{#isNumber}}<input type="number" id="{{id}}" name="{{name}}" value="{{value}}" step="1"{{#min}} min="{{.}}"{{/min}}{{#max}} max="{{.}}"{{/max}}{{#required}} required{{/required}} aria-describedby="{{describedBy}}"{{#hasError}} aria-invalid="true"{{/hasError}}>{{/isNumber}}
    {{#isText}}<input type="text" id="{{id}}" name="{{name}}" value="{{value}}" maxlength="1000"{{#required}} required{{/required}} aria-describedby="{{describedBy}}"{{#hasError}} aria-invalid="true"{{/hasError}}>{{/isText}}
    {{/isCheckbox}}
    <p class="hint" id="{{id}}-hint">{{hint}}</p>
    {{#errors}}<p class="error" id="{{id}}-error">{{{.}}}</p>{{/errors}}
    </div>
    """#

    static let decide = #"""
    <h1>Why this status, and what next?</h1>
    <p>{{title}} — describe one record as it is now, and ask. Nothing is changed or recorded: the answer says what the
    policy decides, why, and what comes next.</p>
    {{#hasProblems}}
    <section class="problems" aria-labelledby="problems" tabindex="-1" id="problems-box">
    <h2 id="problems">The form has problems</h2>
    <ul>{{#formErrors}}<li>{{{.}}}</li>{{/formErrors}}{{#fieldErrorCount}}<li>{{fieldErrorCount}} field(s) below need attention.</li>{{/fieldErrorCount}}</ul>
    </section>
    {{/hasProblems}}
    {{#answer}}
    <section class="answer" aria-labelledby="answer" id="answer-box" tabindex="-1">
    <h2 id="answer">The answer</h2>
    <p class="status" id="result-status">{{statusLabel}}{{#statusID}} <code>{{statusID}}</code>{{/statusID}}</p>
    <p id="result-outcome">{{outcome}}</p>
    {{#reason}}<p><strong>Reason:</strong> {{reason}}</p>{{/reason}}
    <p class="next" id="result-next"><strong>Next change:</strong> {{#next}}{{to}} on <time datetime="{{date}}">{{date}}</time> ({{transition}}){{/next}}{{^next}}none scheduled{{/next}}</p>
    <h3>Steps</h3>
    {{#hasSteps}}<ol>{{#steps}}<li>{{.}}</li>{{/steps}}</ol>{{/hasSteps}}{{^hasSteps}}<p>None: the status did not change.</p>{{/hasSteps}}
    <h3>Effects</h3>
    {{#hasEffects}}<ul>{{#effects}}<li><code>{{name}}</code>{{#description}} — {{.}}{{/description}}</li>{{/effects}}</ul>{{/hasEffects}}{{^hasEffects}}<p>None.</p>{{/hasEffects}}
    <h3 id="timeline">The year ahead</h3>
    <p class="hint">The dated automatic changes until {{timelineUntil}}, if no event comes and nobody acts (<code>statute timeline</code>):</p>
    {{#hasTimeline}}<ol id="result-timeline">{{#timeline}}<li>{{.}}</li>{{/timeline}}</ol>{{/hasTimeline}}{{^hasTimeline}}<p id="result-timeline">None: nothing is due by then.</p>{{/hasTimeline}}
    {{#hasAssignments}}<h3>Facts set</h3><ul>{{#assignments}}<li>{{.}}</li>{{/assignments}}</ul>{{/hasAssignments}}
    <h3 id="options">What <code>{{role}}</code> may do now</h3>
    <p>From {{optionsFrom}}:</p>
    {{#hasOptions}}<ul>{{#options}}<li>{{#allowed}}<strong>Allowed:</strong> set {{target}} (<code>{{transition}}</code>){{/allowed}}{{^allowed}}Not allowed: set {{target}} (<code>{{transition}}</code>) — {{reason}}{{/allowed}}</li>{{/options}}</ul>{{/hasOptions}}
    {{^hasOptions}}<p>No manual transition applies from here for <code>{{role}}</code>.</p>{{/hasOptions}}
    <h3>Settings used</h3>
    <ul id="result-settings">{{#settingsUsed}}<li><code>{{name}}</code>{{#label}} (“{{.}}”){{/label}} is <strong>{{value}}</strong></li>{{/settingsUsed}}</ul>
    <h3>In words</h3>
    <p class="hint">What <code>statute eval --explain</code> says for the same question:</p>
    <pre class="words" id="result-words">{{words}}</pre>
    <details><summary>The same question on the command line</summary><pre>{{command}}</pre></details>
    </section>
    {{/answer}}
    <form method="get" action="/policies/{{name}}/decide" id="decide">
    <fieldset>
    <legend>The record</legend>
    {{#statusField}}{{> field}}{{/statusField}}
    {{#factFields}}{{> field}}{{/factFields}}
    </fieldset>
    {{#hasSettings}}
    <fieldset>
    <legend>Settings</legend>
    <p class="hint">Pre-filled with the values in effect on this server; change them to ask “what if”.</p>
    {{#settingFields}}{{> field}}{{/settingFields}}
    </fieldset>
    {{/hasSettings}}
    <fieldset>
    <legend>The question</legend>
    {{#todayField}}{{> field}}{{/todayField}}
    <div class="field choices{{#requestHasError}} invalid{{/requestHasError}}" role="radiogroup" aria-labelledby="request-label">
    <span class="label" id="request-label">What happens</span>
    {{#requestChoices}}<label><input type="radio" name="request" value="{{value}}" id="{{id}}"{{#checked}} checked{{/checked}}> {{text}}</label>
    {{/requestChoices}}
    {{#requestErrors}}<p class="error">{{{.}}}</p>{{/requestErrors}}
    </div>
    <div id="event-part">{{#eventField}}{{> field}}{{/eventField}}</div>
    <div id="manual-part">{{#setField}}{{> field}}{{/setField}}{{#transitionField}}{{> field}}{{/transitionField}}</div>
    {{#roleField}}{{> field}}{{/roleField}}
    </fieldset>
    <button type="submit">Show the answer</button>
    </form>
    """#

    static let login = #"""
    <h1>Sign in</h1>
    <p>This server is protected by a token (<code>--token-file</code>). Enter it to use the console; your browser keeps
    a session cookie for twelve hours.</p>
    {{#error}}<p class="error" id="token-error">{{error}}</p>{{/error}}
    <form method="post" action="/login">
    <input type="hidden" name="next" value="{{next}}">
    <div class="field{{#error}} invalid{{/error}}">
    <label for="token">Token</label>
    <input type="password" id="token" name="token" autocomplete="current-password" required{{#error}} aria-invalid="true" aria-describedby="token-error"{{/error}}>
    </div>
    <button type="submit">Sign in</button>
    </form>
    """#

    static let message = #"""
    <h1>{{heading}}</h1>
    <p>{{text}}</p>
    <p><a href="/">Back to the policies</a></p>
    """#

    /// The one script: it only improves the form (shows the fields of the request chosen,
    /// and brings the answer or the problems into view); everything works without it.
    static let script = #"""
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
    """#
}
