import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Programme } from '@upstand/contracts';
import { Authenticated, CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser, hasRole } from '../../common/auth/authenticated-user';
import { CreateProgrammeDto, UpdateProgrammeSettingsDto, UpdateTemplateDto } from './dto/template.dto';
import { ProgrammesService } from './programmes.service';
import { uuidParam } from '../../common/params';

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  /** Any signed-in user: regional programmes, plus the programmes of the systems their staff grants reach. */
  @Authenticated()
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<Programme[]> {
    return this.programmes.list(user);
  }

  @Roles('programme-lead')
  @Post()
  create(@Body() body: CreateProgrammeDto, @CurrentUser() user: AuthenticatedUser): Promise<Programme> {
    return this.programmes.create(body, user);
  }

  /** Programme leads also get the number of questionnaire responses (evaluationResponseCount). */
  @Authenticated()
  @Get(':id')
  get(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Programme> {
    return hasRole(user, 'programme-lead')
      ? this.programmes.getForLead(id, user)
      : this.programmes.getVisible(id, user);
  }

  @Roles('programme-lead')
  @Patch(':id/settings')
  updateSettings(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateProgrammeSettingsDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Programme> {
    return this.programmes.updateSettings(id, body, user);
  }

  /** Publishes a new template version. */
  @Roles('programme-lead')
  @Put(':id/template')
  updateTemplate(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateTemplateDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Programme> {
    return this.programmes.updateTemplate(id, body.stages, user, body.completionRule);
  }
}
