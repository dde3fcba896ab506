// the arguments npm run check and npm run photos share (src/node/utils/commandLine.ts)
import { describe, expect, it } from 'vitest'
import { commandArgs } from '../../../../src/node/utils/commandLine'

const recorder = () => {
  const lines: string[] = []
  return { lines, out: { log: (s: string) => lines.push(`log ${s}`), error: (s: string) => lines.push(`error ${s}`) } }
}

describe('node/utils commandArgs', () => {
  it('reads the folder in either form and the switches the command knows', () => {
    const { out, lines } = recorder()
    expect(commandArgs([], 'usage', out)).toEqual({ dir: 'content', switches: new Set() })
    expect(commandArgs(['--dir', 'drafts', '--prune'], 'usage', out, ['--prune'])).toEqual({
      dir: 'drafts',
      switches: new Set(['--prune']),
    })
    expect(commandArgs(['--dir=a b'], 'usage', out)).toEqual({ dir: 'a b', switches: new Set() })
    expect(lines).toEqual([])
  })

  it('prints the usage for --help (exit 0), and names an unknown argument or a switch of another command (exit 2)', () => {
    const help = recorder()
    expect(commandArgs(['--help', '--nope'], 'the usage', help.out)).toBe(0)
    expect(help.lines).toEqual(['log the usage'])
    const wrong = recorder()
    expect(commandArgs(['--prune'], 'the usage', wrong.out)).toBe(2)
    expect(wrong.lines).toEqual(['error unknown argument "--prune"\n\nthe usage'])
    // --dir with nothing after it is no folder
    expect(commandArgs(['--dir'], 'the usage', recorder().out)).toBe(2)
  })
})
