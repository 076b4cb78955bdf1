/**
 * The player shop: the catalog on shelves (gem packs, gold packs, bundles & offers, items),
 * each card with its effective price, running discount and limited-stock facts; the buy
 * dialog for one product; the purchase history below.
 */
import { ErrorBanner, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { BuyDialog } from './buy-dialog';
import { SHELVES, type Shelf, shelfOf } from './format';
import { type CatalogProduct, ProductCard } from './product-card';
import { PurchaseHistory } from './purchase-history';
import './shop.css';

type Me = RouterOutputs['auth']['me'];

const scrollToShelf = (shelf: Shelf) => document.getElementById(`shelf-${shelf}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });

export function ShopPage({ me }: { me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalog = useQuery(trpc.economy.shop.catalog.queryOptions());
  const [selected, setSelected] = useState<CatalogProduct | null>(null);
  // A discount or sale window just ended (or started): the server decides the new price and availability.
  const refresh = useCallback(() => void queryClient.invalidateQueries(trpc.economy.shop.catalog.pathFilter()), [queryClient, trpc]);

  const products = catalog.data?.products ?? [];
  const shelves = SHELVES.map((s) => ({ ...s, items: products.filter((p) => shelfOf(p.kind, p.limited !== null) === s.id) })).filter(
    (s) => s.items.length > 0,
  );
  // The live card while it is listed; the one clicked if it vanished meanwhile (the dialog may be showing a result).
  const chosen = selected ? (products.find((p) => p.sku === selected.sku) ?? selected) : null;

  return (
    <div className="stack shop-page" data-testid="shop-page">
      <div className="row between">
        <h1>Shop</h1>
        <span className="wallet-inline small-text">
          <span className="gold-text" data-testid="shop-gold">
            {formatNumber(me.gold)} gold
          </span>
          <span className="gem-text" data-testid="shop-gems">
            {formatNumber(me.gems)} gems
          </span>
        </span>
      </div>
      {shelves.length > 1 && (
        <nav className="chips shelf-nav" aria-label="Shop sections">
          {shelves.map((s) => (
            <button key={s.id} type="button" className="small" onClick={() => scrollToShelf(s.id)}>
              {s.title}
            </button>
          ))}
        </nav>
      )}
      {catalog.isPending && <Loading />}
      <ErrorBanner error={catalog.error} />
      {catalog.isSuccess && products.length === 0 && <p className="muted">The shop is empty right now.</p>}
      {shelves.map((s) => (
        <section
          key={s.id}
          id={`shelf-${s.id}`}
          className="stack shelf"
          aria-labelledby={`shelf-${s.id}-title`}
          data-testid={`shelf-${s.id}`}
        >
          <div className="shelf-head">
            <h2 id={`shelf-${s.id}-title`}>{s.title}</h2>
            <span className="muted small-text">{s.blurb}</span>
          </div>
          <div className="products">
            {s.items.map((p) => (
              <ProductCard key={p.sku} product={p} onBuy={() => setSelected(p)} onExpire={refresh} />
            ))}
          </div>
        </section>
      ))}
      <PurchaseHistory />
      {chosen && (
        <BuyDialog
          key={chosen.sku}
          product={chosen}
          balances={{ gold: me.gold, gems: me.gems }}
          onClose={() => setSelected(null)}
          onGetGems={() => {
            setSelected(null);
            // After the dialog is gone, so the page can scroll.
            requestAnimationFrame(() => scrollToShelf('gems'));
          }}
        />
      )}
    </div>
  );
}
