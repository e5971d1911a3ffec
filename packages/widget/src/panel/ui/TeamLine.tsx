/**
 * The people behind a team-scoped widget (careers: the recruiters), under the header's title,
 * so an applicant sees who will answer before writing. Faces are decorative; names are text.
 */
import type { Author } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';
import { Avatar } from './Avatar.js';

export function TeamLine({ team, t }: { team: { name: string; members: Author[] }; t: PanelStrings }) {
  const names = team.members.map((m) => m.name ?? t.teamMember).join(', ');
  return (
    <p class="team" part="team">
      <span class="faces" aria-hidden="true">
        {team.members.map((member, index) => (
          <Avatar key={member.id ?? index} author={member} />
        ))}
      </span>
      <span>{t.teamLine(team.name, names)}</span>
    </p>
  );
}
