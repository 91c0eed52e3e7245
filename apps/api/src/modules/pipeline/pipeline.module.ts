import { Module } from '@nestjs/common';
import { CRASH_PROCESS, IngestService, type CrashProcess } from './ingest.service';

const exitOnCrash: CrashProcess = () => {
  // Unexpected errors end the process rather than skip data; a supervisor restarts it and the
  // consumer group re-reads from the last committed offset.
  process.exit(70);
};

/** The ingest role (Kafka → ClickHouse). */
@Module({ providers: [IngestService, { provide: CRASH_PROCESS, useValue: exitOnCrash }] })
export class IngestModule {}
