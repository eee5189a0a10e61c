// What a new password must be, wherever it is chosen (CLI, accounts API, the workspace's forms).
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
