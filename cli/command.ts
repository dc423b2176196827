/** One `crossnet` sub-command. `run` gets the arguments after the command name and returns the exit code. */
export type Command = {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
};
