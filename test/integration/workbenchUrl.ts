// Workbench URLs. VS Code reads `folder` and a JSON `payload` of [key, value] pairs from the query;
// extension paths in the payload are URIs that the remote (server-side) extension host resolves.

export interface WorkbenchTarget {
  /** absolute path of the folder to open */
  folder: string;
  /** absolute path of an extension to load from source */
  extensionDevelopmentPath?: string;
  /** absolute path of a compiled test entry exporting run() */
  extensionTestsPath?: string;
}

export function workbenchUrl(origin: string, target: WorkbenchTarget): string {
  const remote = (path: string): string => `vscode-remote://${new URL(origin).host}${path}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  }
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: target.folder });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${origin}/?${query.toString()}`;
}
