/** Admin shop: one nav entry, four tabs (products, limited stock, promo codes, purchases), each its own hash route. */
import { hrefFor, type ShopTab } from '../../lib/router';
import { LimitedTab } from './limited-tab';
import { ProductsTab } from './products-tab';
import { PromosTab } from './promos-tab';
import { PurchasesTab } from './purchases-tab';
import './shop.css';

/** `short` is what a phone shows, so the four tabs fit on one line. */
const TABS: { id: ShopTab; label: string; short: string }[] = [
  { id: 'products', label: 'Products', short: 'Products' },
  { id: 'limited', label: 'Limited stock', short: 'Limited' },
  { id: 'promos', label: 'Promo codes', short: 'Promos' },
  { id: 'purchases', label: 'Purchases', short: 'Purchases' },
];

export function ShopPage({ tab, presetUserId }: { tab: ShopTab; presetUserId?: number | undefined }) {
  return (
    <div className="stack shop-admin" data-testid="shop-admin" data-tab={tab}>
      <h1>Shop</h1>
      <nav className="tabs" aria-label="Shop sections">
        {TABS.map((t) => (
          <a
            key={t.id}
            href={hrefFor({ name: 'shop', tab: t.id })}
            aria-current={t.id === tab ? 'page' : undefined}
            data-testid={`shop-tab-${t.id}`}
          >
            <span className="tab-long">{t.label}</span>
            <span className="tab-short">{t.short}</span>
          </a>
        ))}
      </nav>
      {tab === 'products' && <ProductsTab />}
      {tab === 'limited' && <LimitedTab />}
      {tab === 'promos' && <PromosTab />}
      {tab === 'purchases' && <PurchasesTab key={presetUserId ?? 0} presetUserId={presetUserId} />}
    </div>
  );
}
