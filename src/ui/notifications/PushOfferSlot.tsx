// first-load module: loads the notifications offer only once a report has been delivered, so its
// code stays out of the first load.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function PushOfferSlot({ delivered }: { delivered: boolean }) {
  const [Offer, setOffer] = useState<ComponentType<{ delivered: boolean }> | undefined>();
  useEffect(() => {
    if (!delivered || Offer) return;
    let live = true;
    import('./PushOffer').then((m) => live && setOffer(() => m.PushOffer)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [delivered]);
  return Offer ? <Offer delivered={delivered} /> : null;
}
