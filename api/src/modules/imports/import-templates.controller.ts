import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../../common/auth/access.decorators';
import { ImportTemplatesService } from './import-templates.service';

@ApiTags('imports')
@Controller('imports/templates')
export class ImportTemplatesController {
  constructor(private readonly templates: ImportTemplatesService) {}

  /** A template to fill in: responses, enrolments or headcounts, as .csv or .xlsx (e.g. enrolments.xlsx). */
  @Roles('programme-lead')
  @Get(':file')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async template(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const template = await this.templates.file(file);
    response.setHeader('Content-Type', template.contentType);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${template.name}"`);
    response.send(template.body);
  }
}
