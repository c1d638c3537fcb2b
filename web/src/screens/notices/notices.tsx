/**
 * The notices screen: the organisation's notices (/notices), drafting one (/notices/new) and one
 * notice with its steps and history (/notices/:id).
 */
import { NoticeCreate } from './notice-create.tsx';
import { NoticeDetail } from './notice-detail.tsx';
import { NoticeList } from './notice-list.tsx';

export default function NoticesScreen({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'];
  if (id === undefined) return <NoticeList />;
  if (id === 'new') return <NoticeCreate />;
  return <NoticeDetail key={id} id={id} />;
}
