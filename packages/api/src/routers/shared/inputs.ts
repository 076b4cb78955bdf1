import { ZText } from '@casino/shared';

/**
 * A live stream's resume point (tRPC's lastEventId, also from the Last-Event-ID header): a
 * Redis stream id, "ms-seq", each part below 2^64. Checked before streaming starts.
 */
export const ZEventId = ZText.max(40).regex(/^\d{1,19}-\d{1,19}$/, 'lastEventId: an event id this API sent');
