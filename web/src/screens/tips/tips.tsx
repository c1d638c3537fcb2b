/** Tips triage: the tip line's queue (/tips) and one tip (/tips/:id). */
import { TipDetail } from './tip-detail.tsx';
import { TipQueue } from './tip-queue.tsx';

export default function TipsScreen({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'];
  return id === undefined ? <TipQueue /> : <TipDetail id={id} />;
}
