import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';

/** "Epic+ within 91 pulls": the server's count for this player, the same the gacha page's pity meter shows. */
export function GachaGuarantee() {
  const trpc = useTRPC();
  const pity = useQuery(trpc.games.gacha.pity.queryOptions());
  if (!pity.data) return <>Epic+ guaranteed by pity</>;
  const n = pity.data.guaranteedWithin;
  return <span data-testid="home-pity-within">{n === 1 ? 'Next pull: Epic+ guaranteed' : `Epic+ within ${n} pulls`}</span>;
}
