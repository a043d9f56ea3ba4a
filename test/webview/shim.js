// Loaded before the dashboard bundle, under the panel's CSP: what VS Code's webview host provides.
// `acquireVsCodeApi` posts to the test through Playwright bindings; host messages arrive as real
// MessageEvents (structured clone, typed arrays intact), as in VS Code.
/* global window, document */
(() => {
  // VS Code sets the theme's variables on <html> before the page's own scripts run.
  for (const [name, value] of Object.entries(window.__so3ThemeVariables ?? {})) {
    document.documentElement.style.setProperty(name, value);
  }
  let state = window.__so3InitialState;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message) => window.__toHost(message),
      getState: () => state,
      setState: (next) => {
        state = next;
        window.__stateToHost(JSON.parse(JSON.stringify(next)));
      },
    };
  };
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolation({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
    });
  });
  window.__deliver = (message) => window.postMessage(message, '*');
})();
