// The CLI's command table.
import type { CliCommand } from './command';
import { invite } from './invite';
import { userAdd } from './user-add';

export const commands: Record<string, CliCommand> = {
  'user:add': userAdd,
  invite,
};
