import { type FileUploadPolicy } from '../../adapters/teams/fileUpload.ts';
import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type AccessControl } from '../access/access.ts';
import { type Log } from '../log.ts';
import { type SchoolData } from '../schools/schoolData.ts';

/** What the returns feature is built from. */
export interface ReturnsServices {
  schools: readonly SchoolData[];
  store: StateStore;
  access: AccessControl;
  log: Log;
  now?: () => Date;
  /** How the month's file is uploaded once accepted (time and size bounds); production's defaults when absent. */
  fileUploads?: FileUploadPolicy;
}
