// the arguments the site's commands share (npm run check, npm run photos): --help, the folder
// of articles (--dir <folder> or --dir=<folder>, default content/), and switches of their own.

export interface CommandArgs {
  dir: string
  /** the switches given, of those the command knows */
  switches: Set<string>
}

/**
 * The command line read, or the exit code to return at once: 0 after printing `usage` for
 * --help, 2 after naming an argument the command does not know.
 */
export function commandArgs(
  argv: readonly string[],
  usage: string,
  out: Pick<Console, 'log' | 'error'>,
  known: readonly string[] = [],
): CommandArgs | number {
  const args: CommandArgs = { dir: 'content', switches: new Set() }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') {
      out.log(usage)
      return 0
    } else if (known.includes(arg)) {
      args.switches.add(arg)
    } else if (arg === '--dir' && argv[i + 1] !== undefined) {
      args.dir = argv[++i]
    } else if (arg.startsWith('--dir=')) {
      args.dir = arg.slice('--dir='.length)
    } else {
      out.error(`unknown argument "${arg}"\n\n${usage}`)
      return 2
    }
  }
  return args
}
