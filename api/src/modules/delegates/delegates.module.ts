import { Module } from '@nestjs/common';
import { DataExportController } from './data-export.controller';
import { DataExportRepository } from './data-export.repository';
import { DataExportService } from './data-export.service';
import { DelegatesController } from './delegates.controller';
import { DelegatesRepository } from './delegates.repository';
import { DelegatesService } from './delegates.service';

@Module({
  controllers: [DelegatesController, DataExportController],
  providers: [DelegatesRepository, DelegatesService, DataExportRepository, DataExportService],
  exports: [DelegatesRepository],
})
export class DelegatesModule {}
