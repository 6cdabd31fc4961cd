import { CommunityMemberQuery } from '@upstand/contracts';
import { PageQueryDto } from '../../../common/paging';

/** `GET /api/community/members`: `q` matches the member's name or organisation. */
export class CommunityMemberQueryDto extends PageQueryDto implements CommunityMemberQuery {}
