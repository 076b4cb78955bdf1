import { diffConfigs, type TGameConfig } from '@casino/shared';
import { ErrorBanner, formatDate, formatNumber, Loading, type RouterOutputs, useDebounced, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Flash, useFlash } from '../../../components/flash';
import { ChangeList } from '../history/change-list';
import { GachaEditor, TableGamesEditor } from './games-editor';
import { PublishForm } from './publish-form';
import { RtpPreview } from './rtp-preview';
import { SlotEditor } from './slot-editor';

type Active = RouterOutputs['admin']['games']['active'];

/** Loads the version in force; the editor starts over from it whenever a newer one is loaded. */
export function ConfigEditor() {
  const trpc = useTRPC();
  const active = useQuery(trpc.admin.games.active.queryOptions());
  const flash = useFlash();
  if (active.isPending) return <Loading />;
  if (active.isError) return <ErrorBanner error={active.error} />;
  return (
    <>
      <Flash message={flash.message} testId="publish-done" />
      <Editor
        key={active.data.version}
        active={active.data}
        onPublished={(v) => flash.show(`Version ${formatNumber(v)} published. The next round on every server uses it.`)}
      />
    </>
  );
}

function Editor({ active, onPublished }: { active: Active; onPublished: (version: number) => void }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<TGameConfig>(active.config);
  const settled = useDebounced(draft, 300);
  const validate = useMutation(trpc.admin.games.validate.mutationOptions());
  const { mutate } = validate;
  useEffect(() => mutate({ draft: settled }), [mutate, settled]);
  const current = validate.variables?.draft === draft && validate.isSuccess;
  const changes = diffConfigs(active.config, draft);

  return (
    <div className="stack" data-testid="config-editor">
      <p className="muted small-text" data-testid="editor-base">
        Editing from version {active.version} ({formatDate(active.createdAt)}
        {active.authorNickname ? ` by ${active.authorNickname}` : ''}: {active.reason}). Nothing changes for players until you publish.
      </p>
      <RtpPreview preview={validate.data ?? null} pending={!current && !validate.isError} error={validate.error} />
      <SlotEditor slot={draft.slot} onChange={(slot) => setDraft({ ...draft, slot })} />
      <GachaEditor gacha={draft.gacha} onChange={(gacha) => setDraft({ ...draft, gacha })} />
      <TableGamesEditor
        rps={draft.rps}
        crash={draft.crash}
        onRps={(rps) => setDraft({ ...draft, rps })}
        onCrash={(crash) => setDraft({ ...draft, crash })}
      />
      <section className="card stack" data-testid="draft-changes">
        <div className="row between">
          <h2>Your changes</h2>
          <button type="button" className="small" onClick={() => setDraft(active.config)} disabled={changes.length === 0}>
            Discard changes
          </button>
        </div>
        {changes.length === 0 ? <p className="muted">No changes yet.</p> : <ChangeList changes={changes} />}
      </section>
      <PublishForm
        baseVersion={active.version}
        draft={draft}
        publishable={current && validate.data.ok && changes.length > 0}
        onPublished={onPublished}
      />
    </div>
  );
}
