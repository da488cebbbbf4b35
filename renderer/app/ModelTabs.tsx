// Tabs for the models of a project with several (a GAN's generator and discriminator).
import { useEditor, useEditorInstance, useValidation } from './context.js';

export function ModelTabs() {
  const editor = useEditorInstance();
  const project = useEditor((s) => s.project);
  const active = useEditor((s) => s.activeModel);
  const validation = useValidation();
  const names = project ? Object.keys(project.models) : [];
  if (names.length < 2) return null;
  return (
    <div role="tablist" aria-label="Models" className="ll-tabs ll-model-tabs">
      {names.map((name) => {
        const errors = validation?.result.diagnostics.filter((d) => d.model === name && d.severity === 'error').length ?? 0;
        return (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === active}
            className="ll-tab"
            onClick={() => editor.store.setActiveModel(name)}
          >
            {name}
            {errors > 0 && <span className="ll-tab__badge" aria-label={`${errors} errors`}>{errors}</span>}
          </button>
        );
      })}
    </div>
  );
}
