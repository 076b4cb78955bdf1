/**
 * `pnpm bench <scenario> [options]`. A scenario is a module exporting
 * `run(argv)`, `description` and `usage`; add one line to `scenarios` to add one.
 */
type Scenario = { description: string; usage: string; run(argv: string[]): Promise<void> };

const scenarios: Record<string, () => Promise<Scenario>> = {
  wallet: () => import('./wallet'),
  games: () => import('./games'),
  live: () => import('./live'),
  web: () => import('./web'),
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const load = name ? scenarios[name] : undefined;
  if (!load) {
    const help = name === '--help' || name === '-h';
    const list = Object.keys(scenarios).join(', ');
    (help ? console.log : console.error)(
      `usage: pnpm bench <scenario> [options]   (<scenario> --help for its options)\n\nscenarios: ${list}`,
    );
    return help ? 0 : 2;
  }
  const scenario = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${scenario.description}\n\n${scenario.usage}`);
    return 0;
  }
  await scenario.run(rest);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
