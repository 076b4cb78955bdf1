import { formatPrice } from '@casino/shared';
import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';

/** Premium is locked: say what it costs (the shop's own product and price) and link there. */
export function PremiumOffer() {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.economy.shop.catalog.queryOptions());
  const product = catalog.data?.products.find((p) => p.kind === 'battlepass_premium' && p.available);
  return (
    <section className="card row between premium-offer" data-testid="bp-premium-locked">
      <span>
        <strong>🔒 Premium track locked.</strong>{' '}
        <span className="small-text">Unlock it to claim every premium reward you have reached.</span>
      </span>
      <a className="button-link" href={hrefFor('shop')} data-testid="bp-premium-shop">
        {product ? `Unlock for ${formatPrice(product.price.currency, product.price.effective)} in the shop` : 'See the shop'}
      </a>
    </section>
  );
}
