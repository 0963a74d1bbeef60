/** Settings › "People in my photos": the routing mode (server-side routing: auto, suggest, off). */
import { errorMessage } from '../../api/client';
import { ChoiceCards } from '../../components/ChoiceCards';
import { routingApi, type RoutingMode } from '../../api/routing';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

const MODES: Array<{ value: RoutingMode; title: string; text: string }> = [
  { value: 'suggest', title: 'Ask me first', text: 'A “Send to Bob and Carol?” card appears in your library; one click sends.' },
  {
    value: 'auto',
    title: 'Send automatically when the match is against photos you hold',
    text:
      'A new photo goes straight to a contact when their face matches the photo in your contact card, or a person you linked to them ' +
      'in People. A match against the reference face they registered themselves only asks you first.',
  },
  { value: 'off', title: 'Off', text: 'Photos stay in your library; nothing is suggested or sent.' },
];

export function RoutingSection() {
  const toast = useToast();
  const current = useAsync(() => routingApi.settings(), []);
  const choose = async (mode: RoutingMode) => {
    const before = current.data;
    current.setData(mode);
    try {
      await routingApi.setMode(mode);
    } catch (err) {
      current.setData(() => before);
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  return (
    <section className="card settings-card" data-testid="settings-routing">
      <h2>People in my photos</h2>
      <p className="muted">
        When Kith recognises your contacts in a photo you upload, it can send them the photo: to their inbox on this server, or on their own
        Kith server. Their server checks that their face is in it.
      </p>
      <ChoiceCards
        choices={MODES}
        value={current.data}
        onChange={(mode) => void choose(mode)}
        name="routing-mode"
        label="Send photos to the people in them"
        testId="routing-mode"
        valueAttr="data-mode"
      />
    </section>
  );
}
