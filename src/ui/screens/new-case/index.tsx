import { useSignal } from '@preact/signals';
import { useLayoutEffect } from 'preact/hooks';
import type { Person, ServiceItem } from '../../../domain';
// The narrow modules, not the state barrel: the barrel pulls every action's module (and what
// they import) into this screen's first evaluation.
import { createNewCase } from '../../../state/workbench/create';
import { readCaseEarly } from '../../../state/case-early-read';
import { emptyPersonDraft } from '../../../state/person-form';
import { loadPerson } from '../../../state/persons';
import { openableItems } from '../../../state/catalog-lookup';
import { useAppState } from '../../app/context';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';
import { Icon } from '../../components/icon';
import { Checkbox } from '../../components/field';
import { PersonPicker } from '../../components/person-picker';
import { PersonForm } from '../../person-form';
import { DraftNote } from '../../components/draft-note';
import { useFormDraft } from '../../hooks/use-form-draft';
import { ItemPicker } from './item-picker';
import { ChosenPerson } from './chosen-person';
import './new-case.css';
import { limitLabel } from '../../../domain/review/limit-label';

interface NewCaseDraft {
  query: string;
  category: string;
  itemCode: string;
  applicantId: string;
  entrusted: boolean;
  entrusterId: string;
  creatingPerson: string;
}

/** 新建办件: item → applicant (existing or new profile) → optional entrusting person → workbench. */
export function NewCaseScreen({ personId }: { personId?: string | undefined }) {
  const state = useAppState();
  const item = useSignal<ServiceItem | null>(null);
  // From 为此人办件 on the profile list: the profile listed there is drawn at once (and read again
  // from storage below), not a frame later.
  const applicant = useSignal<Person | null>(
    (personId && state.persons.results.value.find((p) => p.id === personId)) || null,
  );
  const entrusted = useSignal(false);
  const entruster = useSignal<Person | null>(null);
  const creatingPerson = useSignal<'applicant' | 'entruster' | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const query = useSignal('');
  const category = useSignal<string | undefined>(undefined);
  // Persons of a restored draft while they are read (the draft keeps them meanwhile).
  const loading = useSignal<{ applicant?: string; entruster?: string }>({});

  // Read under way while the screen's first frame is painted, not a frame later (passive effect).
  useLayoutEffect(() => {
    // Unreadable, the applicant is left to pick by hand (the picker says when it cannot search).
    if (personId)
      void loadPerson(personId)
        .then((p) => {
          if (p) applicant.value = p;
        })
        .catch(() => undefined);
  }, [personId]);

  // What was typed and chosen comes back after an update, a reload or a crash (ids only: the
  // item and the persons are read again).
  const chosen: NewCaseDraft = {
    query: query.value,
    category: category.value ?? '',
    itemCode: item.value?.code ?? '',
    applicantId: applicant.value?.id ?? loading.value.applicant ?? personId ?? '',
    entrusted: entrusted.value,
    entrusterId: entruster.value?.id ?? loading.value.entruster ?? '',
    creatingPerson: creatingPerson.value ?? '',
  };
  const kept = useFormDraft<NewCaseDraft>(personId ? `case-new:${personId}` : 'case-new', chosen, (d) => {
    query.value = d.query;
    category.value = d.category || undefined;
    item.value = openableItems().find((i) => i.code === d.itemCode) ?? null;
    entrusted.value = d.entrusted;
    creatingPerson.value =
      d.creatingPerson === 'applicant' || d.creatingPerson === 'entruster' ? d.creatingPerson : null;
    const pick = (id: string, who: 'applicant' | 'entruster') => {
      const into = who === 'applicant' ? applicant : entruster;
      if (!id) into.value = null;
      else if (into.value?.id !== id) {
        loading.value = { ...loading.value, [who]: id };
        void loadPerson(id)
          .then((p) => {
            into.value = p ?? null;
          })
          .catch(() => undefined) // left to pick again by hand
          .finally(() => {
            loading.value = { ...loading.value, [who]: undefined };
          });
      }
    };
    pick(d.applicantId, 'applicant');
    pick(d.entrusterId, 'entruster');
  });

  const start = async () => {
    if (!item.value || !applicant.value) return;
    busy.value = true;
    error.value = null;
    try {
      const c = await createNewCase(state, {
        itemCode: item.value.code,
        applicantId: applicant.value.id,
        entrusterId: entrusted.value ? entruster.value?.id : undefined,
      });
      readCaseEarly(state, c); // while the draft is cleared and this screen torn down
      await kept.clear();
      state.router.navigate({ name: 'case', id: c.id }, { replace: true });
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  };

  /** A profile saved or picked in the form below becomes the applicant or the entruster. */
  const choose = (who: 'applicant' | 'entruster', p: Person) => {
    if (who === 'applicant') applicant.value = p;
    else entruster.value = p;
    creatingPerson.value = null;
  };

  const newProfile = (who: 'applicant' | 'entruster') => (
    <div class="card stack">
      <h3>新建群众档案</h3>
      <PersonForm
        initial={emptyPersonDraft(state.user.value?.villageCode ?? '')}
        draftKey={`case-new:${who}-profile`}
        saveLabel={who === 'applicant' ? '保存档案并设为申请人' : '保存档案并设为委托人'}
        onSaved={(p) => choose(who, p)}
        onUseExisting={(p) => choose(who, p)}
        useExistingLabel={(name) => `改用已有档案（${name}）并设为${who === 'applicant' ? '申请人' : '委托人'}`}
        cancelLabel="取消新建"
        onCancel={() => {
          creatingPerson.value = null;
        }}
      />
    </div>
  );

  return (
    <section class="stack new-case" aria-labelledby="new-case-title">
      <h1 id="new-case-title">新建办件</h1>
      <DraftNote draft={kept} />
      <ol class="steps">
        <li class="stack">
          <h2>第一步：选择事项</h2>
          {item.value ? (
            <div class="card row chosen">
              <div class="chosen__text">
                <strong>{item.value.name}</strong>
                <span class="muted">
                  {item.value.agency} · 承诺时限 {limitLabel(item.value)}
                </span>
              </div>
              <Button
                onClick={() => {
                  item.value = null;
                }}
              >
                重新选择事项
              </Button>
            </div>
          ) : (
            <ItemPicker
              query={query}
              category={category}
              onPick={(i) => {
                item.value = i;
              }}
            />
          )}
          {item.value?.requiresPresence && (
            <Banner tone="warning">
              <strong>本事项须申请人本人到场。</strong>
              {item.value.presenceNote ?? '代办员可先预审材料，再陪同或预约办理。'}
            </Banner>
          )}
        </li>
        <li class="stack">
          <h2>第二步：选择申请人</h2>
          {applicant.value ? (
            <ChosenPerson
              person={applicant.value}
              role="申请人"
              onChange={() => {
                applicant.value = null;
              }}
            />
          ) : creatingPerson.value === 'applicant' ? (
            newProfile('applicant')
          ) : (
            <div class="stack">
              <PersonPicker
                label="查找申请人"
                onPick={(p) => {
                  applicant.value = p;
                }}
                excludeIds={entruster.value ? [entruster.value.id] : []}
              />
              <Button
                onClick={() => {
                  creatingPerson.value = 'applicant';
                }}
              >
                <Icon name="plus" />
                没有档案？新建申请人档案
              </Button>
            </div>
          )}
        </li>
        <li class="stack">
          <h2>第三步：委托人（可选）</h2>
          <Checkbox
            label="由家属等他人委托代办（例如子女替老人委托）"
            checked={entrusted.value}
            onChecked={(v) => {
              entrusted.value = v;
              if (!v) entruster.value = null;
            }}
          />
          {entrusted.value &&
            (entruster.value ? (
              <ChosenPerson
                person={entruster.value}
                role="委托人"
                onChange={() => {
                  entruster.value = null;
                }}
              />
            ) : creatingPerson.value === 'entruster' ? (
              newProfile('entruster')
            ) : (
              <div class="stack">
                <PersonPicker
                  label="查找委托人"
                  onPick={(p) => {
                    entruster.value = p;
                  }}
                  excludeIds={applicant.value ? [applicant.value.id] : []}
                />
                <Button
                  onClick={() => {
                    creatingPerson.value = 'entruster';
                  }}
                >
                  <Icon name="plus" />
                  新建委托人档案
                </Button>
              </div>
            ))}
        </li>
      </ol>
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      <Button
        variant="primary"
        block
        disabled={!item.value || !applicant.value || (entrusted.value && !entruster.value) || busy.value}
        onClick={() => void start()}
      >
        {busy.value ? '正在创建……' : '开始办件'}
      </Button>
      {(!item.value || !applicant.value) && <p class="muted">选好事项和申请人后，才能开始办件。</p>}
    </section>
  );
}
