// An install failure the user can fix: what went wrong, then what to do about it.
export class InstallError extends Error {
  /**
   * @param {string} problem
   * @param {string} remedy
   */
  constructor(problem, remedy) {
    super(`${problem}\n  What to do: ${remedy}`);
    this.name = 'InstallError';
  }
}
